import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { NODE_OPS, writeFilesAtomic, type WriteOps } from "../../src/util/atomic-write.js";
import { UserError } from "../../src/util/errors.js";

/**
 * A set of files lands whole or not at all: faults injected at each step of a write (no space while staging,
 * permission denied while renaming) leave every target as it was, with no temporary file.
 */
const dir = mkdtempSync(join(tmpdir(), "flocode-atomic-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

function fresh(): string {
  const d = join(dir, `case-${n++}`);
  mkdirSync(d);
  return d;
}

function errno(code: string): Error {
  return Object.assign(new Error(`${code}: injected`), { code });
}

/** The real file operations, with `fail` thrown by the `k`-th call of `op` (1-based). */
function faulty(op: keyof WriteOps, k: number, code: string): WriteOps {
  let calls = 0;
  return {
    ...NODE_OPS,
    [op]: (...args: unknown[]) => {
      if (++calls === k) throw errno(code);
      return (NODE_OPS[op] as (...a: unknown[]) => unknown)(...args);
    },
  };
}

function thrown(action: () => void): UserError {
  try {
    action();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error("did not throw");
}

describe("writeFilesAtomic", () => {
  it("writes every file and leaves nothing else", () => {
    const d = fresh();
    writeFilesAtomic([1, 2, 3].map((i) => ({ path: join(d, "sub", `f${i}`), content: `new ${i}` })));
    expect(readdirSync(join(d, "sub")).sort()).toEqual(["f1", "f2", "f3"]);
    expect(readFileSync(join(d, "sub", "f2"), "utf8")).toBe("new 2");
  });

  it("no space while staging the second file: no target changes, the real path named", () => {
    const d = fresh();
    writeFileSync(join(d, "f1"), "old 1");
    const files = [1, 2, 3].map((i) => ({ path: join(d, `f${i}`), content: `new ${i}` }));
    const e = thrown(() => writeFilesAtomic(files, faulty("writeFile", 2, "ENOSPC")));
    expect(e.exitCode).toBe(2);
    expect(e.message).toBe(`${join(d, "f2")}: cannot write: no space left on the device; nothing was written`);
    expect(readdirSync(d)).toEqual(["f1"]);
    expect(readFileSync(join(d, "f1"), "utf8")).toBe("old 1");
  });

  it("permission denied on the third rename: the two renamed targets go back to what they were", () => {
    const d = fresh();
    writeFileSync(join(d, "f1"), "old 1");
    const files = [1, 2, 3].map((i) => ({ path: join(d, `f${i}`), content: `new ${i}` }));
    const e = thrown(() => writeFilesAtomic(files, faulty("rename", 3, "EACCES")));
    expect(e.message).toBe(`${join(d, "f3")}: cannot write: permission denied; nothing was written`);
    expect(readdirSync(d)).toEqual(["f1"]);
    expect(readFileSync(join(d, "f1"), "utf8")).toBe("old 1");
  });

  it("a folder where a target goes: refused before anything is renamed", () => {
    const d = fresh();
    mkdirSync(join(d, "f2"));
    const e = thrown(() => writeFilesAtomic([1, 2, 3].map((i) => ({ path: join(d, `f${i}`), content: `new ${i}` }))));
    expect(e.message).toBe(`${join(d, "f2")}: cannot write: a folder is in the way; nothing was written`);
    expect(readdirSync(d)).toEqual(["f2"]);
  });

  it("removes the folders it created when it fails", () => {
    const d = fresh();
    thrown(() => writeFilesAtomic([{ path: join(d, "a", "b", "f"), content: "x" }], faulty("rename", 1, "EIO")));
    expect(readdirSync(d)).toEqual([]);
  });

  it("falls back to a copy for the backup on a file system without hard links", () => {
    const d = fresh();
    writeFileSync(join(d, "f1"), "old 1");
    const ops = {
      ...faulty("rename", 2, "EIO"),
      link: () => {
        throw errno("EPERM");
      },
    };
    thrown(() =>
      writeFilesAtomic(
        [1, 2].map((i) => ({ path: join(d, `f${i}`), content: `new ${i}` })),
        ops,
      ),
    );
    expect(readFileSync(join(d, "f1"), "utf8")).toBe("old 1");
    expect(readdirSync(d)).toEqual(["f1"]);
  });

  it("names a broken link or a file in the path", () => {
    const d = fresh();
    symlinkSync(join(d, "nowhere"), join(d, "out"));
    expect(thrown(() => writeFilesAtomic([{ path: join(d, "out", "x"), content: "" }])).message).toBe(
      `${join(d, "out", "x")}: cannot write: ${join(d, "out")} is a broken link`,
    );
    writeFileSync(join(d, "plain"), "");
    expect(thrown(() => writeFilesAtomic([{ path: join(d, "plain", "x"), content: "" }])).message).toBe(
      `${join(d, "plain", "x")}: cannot write: ${join(d, "plain")} is a file, not a folder`,
    );
  });

  it("removes the temporary files a killed writer of this machine left, and only those", () => {
    const d = fresh();
    const host = createHash("sha256").update(hostname()).digest("hex").slice(0, 6);
    const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
    const leftover = `.flocode-tmp-${host}-${dead}-0123456789ab-x.flopack`;
    const live = `.flocode-tmp-${host}-${process.ppid}-0123456789ab-x.flopack`;
    const foreign = `.flocode-tmp-ffffff-${dead}-0123456789ab-x.flopack`;
    for (const name of [leftover, live, foreign]) writeFileSync(join(d, name), "partial");
    writeFilesAtomic([{ path: join(d, "x.flopack"), content: "whole" }]);
    expect(readdirSync(d).sort()).toEqual([live, foreign, "x.flopack"].sort());
    expect(existsSync(join(d, leftover))).toBe(false);
  });
});
