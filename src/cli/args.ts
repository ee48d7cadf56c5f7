// The CLIs' command-line options: node's parseArgs, with --help (-h) printing the usage, and an
// unknown or malformed option answered with what was wrong and the usage, not a stack trace.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { memorySize } from "../schema/memory.ts";

export function cliArgs<T extends ParseArgsConfig>(usage: string, config: T): ReturnType<typeof parseArgs<T>> {
  // A memory limit too low for the data stops a run with what to do, not a stack trace.
  process.on("uncaughtException", (e) => {
    console.error(e instanceof Error && e.name === "MemoryLimitError" ? `Stopped: ${e.message}\n(DuckDB: ${String(e.cause)})` : e);
    process.exit(1);
  });
  const args = config.args ?? process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    console.log(`usage: ${usage}`);
    process.exit(0);
  }
  try {
    return parseArgs(config);
  } catch (e) {
    console.error(`${(e as Error).message}\nusage: ${usage}`);
    process.exit(2);
  }
}

/** --memory SIZE, checked as gekkan.config.yaml's `memory` is (undefined when not given). */
export function memoryArg(value: string | undefined, usage: string): string | undefined {
  if (value === undefined) return undefined;
  const parsed = memorySize.safeParse(value);
  if (parsed.success) return parsed.data;
  console.error(`--memory ${value}: expected ${parsed.error.issues[0]!.message}\nusage: ${usage}`);
  process.exit(2);
}
