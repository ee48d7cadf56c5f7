// npm run publish -- 2026-10 [--publisher NAME]
// npm run restate -- 2026-10 --reason "..." [--publisher NAME]
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { cliArgs, memoryArg } from "./args.ts";
import { publishMonth } from "../edition/publish.ts";
import { loadProject } from "../read/project.ts";
import { TOOL_ROOT } from "../site/build.ts";
import { writeFailure } from "../site/failure.ts";
import { formatProblem } from "../validate/problem.ts";

const PUBLISH = "npm run publish -- YYYY-MM [YYYY-MM ...] [--publisher NAME] [--project DIR] [--memory 2GB]";
const RESTATE = 'npm run restate -- YYYY-MM --reason "..." [--publisher NAME] [--project DIR] [--memory 2GB]';
const { values, positionals } = cliArgs(`${PUBLISH}\n       ${RESTATE}`, {
  allowPositionals: true,
  options: {
    restate: { type: "boolean" },
    reason: { type: "string" },
    publisher: { type: "string" },
    project: { type: "string" },
    memory: { type: "string" },
  },
});
const memory = memoryArg(values.memory, `${PUBLISH}\n       ${RESTATE}`);
const root = resolve(values.project ?? process.env.GEKKAN_PROJECT ?? ".");
const month = positionals;
if (month.length === 0) {
  console.error(`usage: ${values.restate ? RESTATE : PUBLISH}`);
  process.exit(2);
}
// Today in the project's time zone; GEKKAN_TODAY pins it (tests, or publishing a past month on its day).
const zone = loadProject(root).config.timeZone;
const today = process.env.GEKKAN_TODAY ?? new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(new Date());
const version = (JSON.parse(readFileSync(join(TOOL_ROOT, "package.json"), "utf8")) as { version: string }).version;
const result = await publishMonth({
  root,
  month,
  today,
  restate: values.restate === true,
  reason: values.reason,
  publisher: values.publisher,
  tool: { name: "gekkan", version },
  progress: (m) => console.error(`· ${m}`),
  cache: true,
  memory,
}).catch((e: unknown) => {
  // A full disk or a read-only reports/ is said as such, not as a stack trace.
  const problem = writeFailure(e, root, [
    { dir: join(root, "reports"), what: "the edition" },
    { dir: tmpdir(), what: "the temporary files", elsewhere: "point TMPDIR at a disk with space" },
  ]);
  if (!problem) throw e;
  console.error(formatProblem(problem));
  process.exit(1);
});
for (const p of [...result.problems.filter((p) => p.severity === "error"), ...(result.notices ?? [])]) console.error(formatProblem(p));
for (const c of result.changes ?? []) console.log(`  ${c.path}: ${c.new ? "(not in the previous revision)" : c.before} -> ${c.after}`);
(result.ok ? console.log : console.error)(result.message);
process.exitCode = result.ok ? 0 : 1;
