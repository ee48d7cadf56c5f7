// npm run check [-- --project DIR]: read and validate every file, report every problem at once.
import { cliArgs, memoryArg } from "./args.ts";
import { tmpdir } from "node:os";
import { resolve } from "node:path";
import { validateProject } from "../model/pipeline.ts";
import { writeFailure } from "../site/failure.ts";
import { formatProblem } from "../validate/problem.ts";

const USAGE = "npm run check [-- --project DIR --no-cache --memory 2GB --quiet]";
const { values } = cliArgs(USAGE, {
  options: { project: { type: "string" }, quiet: { type: "boolean" }, "no-cache": { type: "boolean" }, memory: { type: "string" } },
});
const memory = memoryArg(values.memory, USAGE);
const root = resolve(values.project ?? process.env.GEKKAN_PROJECT ?? ".");
const started = performance.now();
const validated = await validateProject(root, (m) => values.quiet || console.error(`· ${m}`), {
  cache: !values["no-cache"],
  memory,
}).catch((e: unknown) => {
  // A full temp disk is said as such, not as a stack trace.
  const problem = writeFailure(e, root, [
    { dir: tmpdir(), what: "the check's temporary files", elsewhere: "point TMPDIR at a disk with space" },
  ]);
  if (!problem) throw e;
  console.log(formatProblem(problem));
  process.exit(1);
});
const { loaded, problems, db, notices } = validated;
db.close();
for (const p of problems) if (p.severity !== "info" || !values.quiet) console.log(formatProblem(p));
for (const p of notices) console.error(formatProblem(p));
const count = (s: string) => problems.filter((p) => p.severity === s).length;
const rows = loaded.files.reduce((a, f) => a + f.rows, 0);
console.log(
  `\n${loaded.files.length} files, ${rows.toLocaleString("en")} rows read in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
    `${count("error")} errors, ${count("warning")} warnings, ${count("info")} notes.`,
);
process.exitCode = count("error") > 0 ? 1 : 0;
