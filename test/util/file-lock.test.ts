import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { withFileLock } from "../../src/util/file-lock.js";
import { builtFile } from "../support/repo.js";

/**
 * The lock beside the project catalog: mutual exclusion between real processes, stale locks of dead processes
 * broken, a live holder waited for and then named.
 */
const dir = mkdtempSync(join(tmpdir(), "flocode-lock-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The pid of a process that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", ""]).pid!;
}

describe("withFileLock", () => {
  it("6 processes × 40 read-increment-write steps under the lock lose no step", async () => {
    const counter = join(dir, "counter");
    writeFileSync(counter, "0");
    const script = `
      import { readFileSync, writeFileSync } from "node:fs";
      import { withFileLock } from ${JSON.stringify(builtFile("util/file-lock.js"))};
      const file = process.argv[1];
      for (let i = 0; i < 40; i++)
        withFileLock(file, () => {
          const n = Number(readFileSync(file, "utf8"));
          for (let t = Date.now(); Date.now() - t < 1; );
          writeFileSync(file, String(n + 1));
        });`;
    const runs = Array.from(
      { length: 6 },
      () =>
        new Promise<number | null>((resolve) => {
          const child = spawn(process.execPath, ["--input-type=module", "-e", script, counter], { stdio: "inherit" });
          child.on("close", resolve);
        }),
    );
    expect(await Promise.all(runs)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(readFileSync(counter, "utf8")).toBe("240");
    expect(existsSync(`${counter}.lock`)).toBe(false);
  }, 120_000);

  it("breaks the lock of a process that is gone", () => {
    const file = join(dir, "dead");
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: deadPid(), host: hostname(), nonce: "0123456789abcdef", since: Date.now() }));
    expect(withFileLock(file, () => "got it", { timeoutMs: 2_000 })).toBe("got it");
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it("breaks a lock older than staleMs, and an empty lock file left seconds ago", () => {
    const old = join(dir, "old");
    writeFileSync(`${old}.lock`, JSON.stringify({ pid: process.ppid, host: "elsewhere", nonce: "x", since: Date.now() - 3_600_000 }));
    expect(withFileLock(old, () => 1, { timeoutMs: 2_000 })).toBe(1);
    const empty = join(dir, "empty");
    writeFileSync(`${empty}.lock`, "");
    const past = new Date(Date.now() - 60_000);
    utimesSync(`${empty}.lock`, past, past);
    expect(withFileLock(empty, () => 2, { timeoutMs: 2_000 })).toBe(2);
  });

  it("waits for a live holder, then names it", () => {
    const file = join(dir, "held");
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), nonce: "live", since: Date.now() }));
    expect(() => withFileLock(file, () => 0, { timeoutMs: 300 })).toThrow(
      `${file}.lock: locked by process ${process.pid} on ${hostname()} for more than 300 ms (delete the file if no flocode is running)`,
    );
    expect(existsSync(`${file}.lock`)).toBe(true);
  });

  it("releases the lock when the step throws", () => {
    const file = join(dir, "throws");
    expect(() =>
      withFileLock(file, () => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(existsSync(`${file}.lock`)).toBe(false);
  });
});
