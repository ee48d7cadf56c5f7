// Making a directory read-only for a test, whoever runs it: permissions stop an ordinary user,
// not root; for root, a read-only bind mount of the directory on itself (where the machine allows
// mounting). Returns how to undo it, or undefined when neither works here.
import { execFileSync } from "node:child_process";
import { chmodSync, writeFileSync, rmSync } from "node:fs";
import { join } from "node:path";

function writable(dir: string): boolean {
  const probe = join(dir, `.probe-${process.pid}`);
  try {
    writeFileSync(probe, "");
    rmSync(probe);
    return true;
  } catch {
    return false;
  }
}

export function makeReadOnly(dir: string): (() => void) | undefined {
  chmodSync(dir, 0o555);
  if (!writable(dir)) return () => chmodSync(dir, 0o755);
  chmodSync(dir, 0o755);
  try {
    execFileSync("mount", ["--bind", dir, dir], { stdio: "ignore" });
  } catch {
    return undefined;
  }
  const undo = () => execFileSync("umount", [dir], { stdio: "ignore" });
  try {
    execFileSync("mount", ["-o", "remount,ro,bind", dir], { stdio: "ignore" });
  } catch {
    undo();
    return undefined;
  }
  if (writable(dir)) {
    undo();
    return undefined;
  }
  return undo;
}
