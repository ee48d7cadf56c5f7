// Writing a file so that a reader (or a build after a killed publish) sees its old bytes or its new
// ones, never a part: the new text goes to a temporary file in <project>/.gekkan/tmp/ and is then
// renamed over the target.
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { removeDeadLeftovers } from "../model/process.ts";

/** Write `text` to `path` in one step. */
export function writeAtomic(root: string, path: string, text: string): void {
  const name = `${basename(path)}.${process.pid}.tmp`;
  // In .gekkan/tmp/, so a killed write leaves nothing in reports/; beside the target when
  // .gekkan/ cannot be written or is on another disk (a rename cannot cross disks).
  let failed: unknown;
  for (const tmp of [join(root, ".gekkan", "tmp", name), join(dirname(path), `.${name}`)]) {
    try {
      mkdirSync(dirname(tmp), { recursive: true });
      writeFileSync(tmp, text);
    } catch (e) {
      rmSync(tmp, { force: true });
      failed = e;
      continue;
    }
    try {
      // A project's first narrative or edition: reports/ may not exist yet.
      mkdirSync(dirname(path), { recursive: true });
      renameSync(tmp, path);
      return;
    } catch (e) {
      rmSync(tmp, { force: true });
      if ((e as NodeJS.ErrnoException).code !== "EXDEV") throw e;
    }
  }
  // Neither place could take the file (a full disk): the target is left as it was.
  throw failed;
}

/** Remove the temporary files of writes whose process was killed. */
export function removeStaleWrites(root: string): void {
  removeDeadLeftovers(join(root, ".gekkan", "tmp"), /\.(\d+)\.tmp$/, (path) => rmSync(path, { force: true }));
}
