import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBounded } from "../../src/util/bounded-read.js";
import { cliEntry, REPO } from "../support/cli.js";

/**
 * The size limit holds on streams, devices and fifos, and nothing waits forever on a special file: through the
 * reader itself (small limits) and through real CLI processes (the 256 MB limit, /dev/zero, a fifo, a socket).
 */
const dir = mkdtempSync(join(tmpdir(), "flocode-bounded-"));
const minimal = join(REPO, "test/fixtures/minimal.flopack");
let server: Server;
const socket = join(dir, "socket");
beforeAll(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(socket, resolve));
});
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

function fifo(name: string): string {
  const path = join(dir, name);
  execFileSync("mkfifo", [path]);
  return path;
}

/** A shell pipeline into the CLI (`sh -c`, `$FLOCODE` the built CLI), the way a user streams into /dev/stdin. */
function shell(script: string, env: NodeJS.ProcessEnv = {}) {
  const wrapper = join(dir, "flocode");
  writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${cliEntry()}" "$@"\n`, { mode: 0o755 });
  const r = spawnSync("sh", ["-c", script], {
    encoding: "utf8",
    env: { ...process.env, FLOCODE: wrapper, ...env },
    timeout: 120_000,
    maxBuffer: 1 << 24,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("readBounded", () => {
  it("reads a regular file whole", () => {
    const r = readBounded(minimal, { maxBytes: 1 << 20 });
    expect(r.ok && r.bytes.toString("utf8").startsWith("{")).toBe(true);
  });

  it("refuses a regular file over the limit before reading it", () => {
    const big = join(dir, "big.txt");
    writeFileSync(big, "x".repeat(101));
    expect(readBounded(big, { maxBytes: 100 })).toMatchObject({
      ok: false,
      kind: "too-large",
      message: "file is too large (101 bytes; the limit is 100)",
    });
    expect(readBounded(big, { maxBytes: 101 }).ok).toBe(true);
  });

  it("stops a device at the first NUL, or at the limit", () => {
    expect(readBounded("/dev/zero", { maxBytes: 1 << 20, stopAtNul: true })).toMatchObject({ ok: false, kind: "nul", offset: 0 });
    expect(readBounded("/dev/zero", { maxBytes: 1000 })).toMatchObject({
      ok: false,
      kind: "too-large",
      message: "file is too large (more than 1000 bytes; the limit is 1000)",
    });
    expect(readBounded("/dev/null", { maxBytes: 10 })).toMatchObject({ ok: true });
  });

  it("gives up on a fifo nobody writes to", () => {
    expect(readBounded(fifo("idle"), { maxBytes: 100, idleMs: 200 })).toMatchObject({
      ok: false,
      kind: "timeout",
      message: "nothing to read for 200 ms (a fifo or pipe nobody writes to?)",
    });
  });

  it("reads a fifo a writer fills, and stops it at the limit", async () => {
    const small = fifo("small");
    const writer = spawn("sh", ["-c", `sleep 0.2; printf 'hello' > "${small}"`]);
    expect(readBounded(small, { maxBytes: 100, idleMs: 30_000 })).toMatchObject({ ok: true, bytes: Buffer.from("hello") });
    await new Promise((r) => writer.on("close", r));
    const endless = fifo("endless");
    const yes = spawn("sh", ["-c", `yes > "${endless}"`]);
    expect(readBounded(endless, { maxBytes: 100_000, idleMs: 30_000 })).toMatchObject({ ok: false, kind: "too-large" });
    yes.kill();
  });

  it("refuses a folder and a socket without waiting", () => {
    mkdirSync(join(dir, "folder"));
    expect(readBounded(join(dir, "folder"), { maxBytes: 10 })).toMatchObject({ ok: false, kind: "io", code: "EISDIR" });
    expect(readBounded(socket, { maxBytes: 10 })).toMatchObject({ ok: false, kind: "io", message: `${socket} is a socket, not a file` });
  });
});

describe("the CLI on streams and special files (real processes)", () => {
  it("a stream past 256 MB on /dev/stdin: stopped at the limit, exit 2", () => {
    const r = shell(`yes '                ' | $FLOCODE validate /dev/stdin`);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("/dev/stdin: /: FP001 io-error file is too large (more than 268435456 bytes; the limit is 268435456)\n");
  });

  it("a flopack streamed through /dev/stdin validates", () => {
    const r = shell(`cat "${minimal}" | $FLOCODE validate /dev/stdin`);
    expect(r.status, r.stderr).toBe(0);
  });

  it("validate /dev/zero ends at once: binary, exit 1", () => {
    const r = shell(`$FLOCODE validate /dev/zero`);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("/dev/zero: /: FP003 not-text file is binary, not JSON text (NUL byte at offset 0)\n");
  });

  it("a fifo nobody writes to: validate, show and import end with exit 2", () => {
    const path = fifo("cli-idle.flopack");
    const env = { FLOCODE_READ_TIMEOUT_MS: "300" };
    const v = shell(`$FLOCODE validate "${path}"`, env);
    expect(v.status).toBe(2);
    expect(v.stdout).toBe(`${path}: /: FP001 io-error nothing to read for 300 ms (a fifo or pipe nobody writes to?)\n`);
    const s = shell(`$FLOCODE show "${path}"`, env);
    expect(s.status).toBe(2);
    expect(s.stderr).toBe(`flocode: ${path}: /: FP001 io-error nothing to read for 300 ms (a fifo or pipe nobody writes to?)\n`);
    const i = shell(`$FLOCODE import "${path}" --out "${join(dir, "never")}"`, env);
    expect(i.status).toBe(2);
  });

  it("a socket and a folder: exit 2 at once", () => {
    const r = shell(`$FLOCODE validate "${socket}" "${dir}"`);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain(`FP001 io-error ${socket} is a socket, not a file`);
    expect(r.stdout).toContain(`FP001 io-error ${dir} is a directory, not a file`);
  });
});
