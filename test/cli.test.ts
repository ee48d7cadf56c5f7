// The command-line tools answer --help with their usage and a mistyped option with what was wrong
// and the usage (exit 2), never with a stack trace.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const cli = (name: string, ...args: string[]) =>
  spawnSync(process.execPath, [join(import.meta.dirname, "../src/cli", `${name}.ts`), ...args], { encoding: "utf8" });

describe("command-line tools", () => {
  it.each(["build", "check", "pdf", "publish", "bench", "sample"])(
    "%s: --help prints the usage; an unknown option exits 2 with it",
    (name) => {
      const help = cli(name, "--help");
      expect(help.status).toBe(0);
      expect(help.stdout).toMatch(/^usage: /);
      const bad = cli(name, "--no-such-option");
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain("Unknown option '--no-such-option'");
      expect(bad.stderr).toContain("usage: ");
      expect(bad.stderr).not.toContain("    at ");
    },
  );
});
