/** Small process helpers for the writers and readers that must not wait forever or trust a dead process. */

/** Whether a process of this machine is running (one of another user counts). */
export function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

const SLEEPER = new Int32Array(new SharedArrayBuffer(4));

/** Blocks this thread for `ms` milliseconds (the readers and the lock are synchronous). */
export function sleepSync(ms: number): void {
  Atomics.wait(SLEEPER, 0, 0, ms);
}

/** A wait in words for a message: "300 ms", "10 s". */
export function formatWait(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms)} ms`;
}
