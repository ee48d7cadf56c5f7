// Whether a process still runs: what a killed run left behind (a lock, a staging directory, a
// half-written file named with its pid) may be removed only once its process is gone.

/** Whether process `pid` runs on this machine (one of another user counts: it cannot be signalled, but it runs). */
export function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
