/**
 * Writing files so that a reader (or a parallel writer) never sees a partial file, and a set of files lands
 * whole or not at all:
 * 1. stage: every file is written to a temporary file beside its target (`.flocode-tmp-*`);
 * 2. check: no target is a folder;
 * 3. commit: each target is renamed into place, its previous version kept as a hard link (`.flocode-bak-*`);
 * 4. a failure at any step undoes the steps before it: temporary files removed, previous versions renamed back,
 *    new files removed, folders this write created removed again.
 * An I/O error becomes a UserError (exit 2) naming the real path, never the temporary one. Temporary files a
 * killed writer left behind (its process is gone) are removed by the next write into the same folder.
 */
import { randomBytes, createHash } from "node:crypto";
import {
  copyFileSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeFileSync,
  type Stats,
} from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { UserError } from "./errors.js";
import { isProcessAlive } from "./process.js";

export interface FileWrite {
  path: string;
  content: string | Uint8Array;
}

/** The file operations a write uses (tests replace some of them to inject faults). */
export interface WriteOps {
  mkdir(dir: string): string | undefined;
  writeFile(path: string, content: string | Uint8Array): void;
  rename(from: string, to: string): void;
  link(from: string, to: string): void;
  copy(from: string, to: string): void;
  unlink(path: string): void;
  rmdir(dir: string): void;
  lstat(path: string): Stats | undefined;
  readdir(dir: string): string[];
}

export const NODE_OPS: WriteOps = {
  mkdir: (dir) => mkdirSync(dir, { recursive: true }),
  writeFile: (path, content) => writeFileSync(path, content),
  rename: renameSync,
  link: linkSync,
  copy: (from, to) => copyFileSync(from, to),
  unlink: unlinkSync,
  rmdir: rmdirSync,
  lstat: (path) => lstatSync(path, { throwIfNoEntry: false }),
  readdir: (dir) => readdirSync(dir),
};

/** Writes one file atomically (see writeFilesAtomic). */
export function writeFileAtomic(path: string, content: string | Uint8Array, ops: WriteOps = NODE_OPS): void {
  writeFilesAtomic([{ path, content }], ops);
}

/** Writes every file, or none: on any failure, what this call wrote is undone and a UserError (exit 2) thrown. */
export function writeFilesAtomic(files: readonly FileWrite[], ops: WriteOps = NODE_OPS): void {
  const tx = new Transaction(ops);
  let at = "";
  try {
    for (const f of files) {
      at = f.path;
      tx.stage(f);
    }
    for (const f of files) {
      at = f.path;
      tx.check(f.path);
    }
    for (const f of files) {
      at = f.path;
      tx.commit(f.path);
    }
  } catch (error) {
    const leftovers = tx.rollback();
    throw writeError(error, at, files.length, leftovers);
  }
  tx.finish();
}

const PREFIX = ".flocode-tmp-";
const BACKUP = ".flocode-bak-";
/** This machine, in temporary names: a writer on another machine (a shared folder) is not ours to judge. */
const HOST = createHash("sha256").update(hostname()).digest("hex").slice(0, 6);
const OURS = /^\.flocode-(?:tmp|bak)-([0-9a-f]{6})-(\d+)-[0-9a-f]{12}-/;

class Transaction {
  /** target → its temporary file, while staged. */
  private readonly staged = new Map<string, string>();
  /** Targets renamed into place, with the backup of what they replaced (undefined: there was nothing). */
  private readonly committed: Array<{ target: string; backup: string | undefined }> = [];
  private readonly createdDirs: Array<{ first: string; dir: string }> = [];
  private readonly swept = new Set<string>();

  constructor(private readonly ops: WriteOps) {}

  stage(f: FileWrite): void {
    const dir = dirname(f.path);
    const first = this.ops.mkdir(dir);
    if (first !== undefined) this.createdDirs.push({ first: resolve(first), dir: resolve(dir) });
    this.sweep(dir);
    const tmp = this.tempName(f.path, PREFIX);
    this.staged.set(f.path, tmp);
    this.ops.writeFile(tmp, f.content);
  }

  /** A folder in the way would fail the rename half-way through the set: refuse before renaming anything. */
  check(target: string): void {
    if (this.ops.lstat(target)?.isDirectory()) throw Object.assign(new Error("a folder is in the way"), { code: "EISDIR" });
  }

  commit(target: string): void {
    const existing = this.ops.lstat(target);
    let backup: string | undefined;
    if (existing !== undefined) {
      const keep = this.tempName(target, BACKUP);
      backup = keep;
      try {
        this.ops.link(target, keep);
      } catch {
        this.ops.copy(target, keep); // a file system without hard links
      }
    }
    this.ops.rename(this.staged.get(target)!, target);
    this.staged.delete(target);
    this.committed.push({ target, backup });
  }

  /** Undoes everything; returns the paths it could not restore. */
  rollback(): string[] {
    const failed: string[] = [];
    for (const tmp of this.staged.values()) this.quietly(() => this.ops.unlink(tmp));
    for (const { target, backup } of this.committed.reverse()) {
      const ok = backup !== undefined ? this.quietly(() => this.ops.rename(backup, target)) : this.quietly(() => this.ops.unlink(target));
      if (!ok) failed.push(target);
    }
    for (const { first, dir } of this.createdDirs.reverse()) {
      // from the deepest folder this write created up to the first one; a folder someone else filled stays
      for (let d = dir; d.length >= first.length; d = dirname(d)) if (!this.quietly(() => this.ops.rmdir(d))) break;
    }
    return failed;
  }

  finish(): void {
    for (const { backup } of this.committed) if (backup !== undefined) this.quietly(() => this.ops.unlink(backup));
  }

  private tempName(target: string, prefix: string): string {
    const name = `${prefix}${HOST}-${process.pid}-${randomBytes(6).toString("hex")}-${basename(target).slice(0, 100)}`;
    return join(dirname(target), name);
  }

  /** Removes the temporary files and backups of writers on this machine that are gone (killed mid-write). */
  private sweep(dir: string): void {
    if (this.swept.has(dir)) return;
    this.swept.add(dir);
    let names: string[];
    try {
      names = this.ops.readdir(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const m = OURS.exec(name);
      if (m && m[1] === HOST && !isProcessAlive(Number(m[2]))) this.quietly(() => this.ops.unlink(join(dir, name)));
    }
  }

  private quietly(action: () => void): boolean {
    try {
      action();
      return true;
    } catch {
      return false;
    }
  }
}

function writeError(error: unknown, path: string, count: number, leftovers: string[]): Error {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === undefined) return error instanceof Error ? error : new Error(String(error));
  const undo = leftovers.length > 0 ? `; could not undo the writes to ${leftovers.join(", ")}` : count > 1 ? "; nothing was written" : "";
  const reason =
    code === "ENOENT" || code === "EEXIST" || code === "ENOTDIR" ? (blockingAncestor(path) ?? writeReason(code)) : writeReason(code);
  return new UserError(`${path}: cannot write: ${reason}${undo}`, 2);
}

/** The folder of a path that cannot be one: a file, or a link to nothing. */
function blockingAncestor(path: string): string | undefined {
  const chain: string[] = [];
  for (let d = dirname(resolve(path)); d !== dirname(d); d = dirname(d)) chain.unshift(d);
  for (const d of chain) {
    const st = lstatSync(d, { throwIfNoEntry: false });
    if (st === undefined) return undefined;
    if (st.isSymbolicLink()) {
      if (statSync(d, { throwIfNoEntry: false }) === undefined) return `${d} is a broken link`;
    } else if (!st.isDirectory()) return `${d} is a file, not a folder`;
  }
  return undefined;
}

/** Why a write failed, in words, for an errno code. */
export function writeReason(code: string): string {
  switch (code) {
    case "EISDIR":
      return "a folder is in the way";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOSPC":
      return "no space left on the device";
    case "EDQUOT":
      return "disk quota exceeded";
    case "EROFS":
      return "read-only file system";
    case "ELOOP":
      return "too many levels of symbolic links (a link loop?)";
    case "ENOTDIR":
    case "EEXIST":
      return "a part of the path is a file or a broken link, not a folder";
    case "ENOENT":
      return "a folder of the path is missing (removed meanwhile, or a broken link)";
    case "ENAMETOOLONG":
      return "the name is too long";
    case "EMFILE":
    case "ENFILE":
      return "too many open files";
    default:
      return `I/O error (${code})`;
  }
}
