// npm run build [-- --project DIR --out DIR --locale ja|en --base /path/ --no-cache]: validate, compute, render.
import { resolve } from "node:path";
import { cliArgs, memoryArg } from "./args.ts";
import { buildSite } from "../site/build.ts";
import { formatProblem } from "../validate/problem.ts";

const USAGE = "npm run build [-- --project DIR --out DIR --locale ja|en --base /path/ --no-cache --memory 2GB --quiet]";
const { values } = cliArgs(USAGE, {
  options: {
    project: { type: "string" },
    out: { type: "string" },
    locale: { type: "string" },
    base: { type: "string" },
    quiet: { type: "boolean" },
    "no-cache": { type: "boolean" },
    memory: { type: "string" },
  },
});
const memory = memoryArg(values.memory, USAGE);
const locale = values.locale === "ja" || values.locale === "en" ? values.locale : undefined;
if (values.locale && !locale) {
  console.error(`--locale must be ja or en, not '${values.locale}'`);
  process.exit(2);
}
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)}s`;
const result = await buildSite({
  root: resolve(values.project ?? process.env.GEKKAN_PROJECT ?? "."),
  outDir: values.out,
  locale,
  base: values.base,
  cache: !values["no-cache"],
  memory,
  progress: (m) => values.quiet || console.error(`[${elapsed()}] ${m}`),
});
const errors = result.problems.filter((p) => p.severity === "error");
for (const p of result.notices ?? []) console.error(formatProblem(p));
if (!result.ok) {
  for (const p of errors) console.error(formatProblem(p));
  console.error(`\nBuild stopped: ${errors.length} error(s). Nothing was written; the previous site is unchanged.`);
  process.exit(1);
}
// Published months whose data changed are said every time: the frozen numbers stay, restating is a decision.
for (const p of result.problems.filter((p) => p.code === "edition-drift")) console.error(formatProblem(p));
const warnings = result.problems.filter((p) => p.severity === "warning").length;
console.error(
  `Built ${result.pages} pages into ${result.outDir} in ${elapsed()} (${warnings} warnings; see the data page or npm run check).`,
);
