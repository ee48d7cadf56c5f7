// The CLIs' command-line options: node's parseArgs, with --help (-h) printing the usage, and an
// unknown or malformed option answered with what was wrong and the usage, not a stack trace.
import { parseArgs, type ParseArgsConfig } from "node:util";

export function cliArgs<T extends ParseArgsConfig>(usage: string, config: T): ReturnType<typeof parseArgs<T>> {
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
