/**
 * A lock file beside a file that several processes read, merge and write back (the project catalog): `<file>.lock`,
 * created exclusively, holding who took it. A lock whose process is gone (same machine) or that is older than
 * `staleMs` is broken: renamed to a private name first, so that of two processes breaking it only one succeeds,
 * and put back when it turns out to be a fresh lock after all. Waiting longer than `timeoutMs` is an error that
 * says which process holds the lock.
 */
import { randomBytes } from "node:crypto";
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { dirname } from "node:path";
import { UserError } from "./errors.js";
import { formatWait, isProcessAlive, sleepSync } from "./process.js";

export interface LockOptions {
  /** Give up after waiting this long (default 60 s). */
  timeoutMs?: number;
  /** A lock older than this is stale whoever holds it (default 10 min: the lock is held for one read-merge-write). */
  staleMs?: number;
}

interface Holder {
  pid: number;
  host: string;
  nonce: string;
  since: number;
}

/** Runs `step` while holding `<path>.lock`; the lock is released whatever happens. */
export function withFileLock<T>(path: string, step: () => T, options: LockOptions = {}): T {
  const lock = `${path}.lock`;
  const release = acquire(lock, options);
  try {
    return step();
  } finally {
    release();
  }
}

function acquire(lock: string, options: LockOptions): () => void {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const staleMs = options.staleMs ?? 600_000;
  const me: Holder = { pid: process.pid, host: hostname(), nonce: randomBytes(8).toString("hex"), since: Date.now() };
  const start = Date.now();
  let pause = 2;
  for (;;) {
    if (tryCreate(lock, me)) return () => releaseIfMine(lock, me.nonce);
    const holder = readHolder(lock);
    if (holder !== undefined ? isStale(holder, staleMs) : abandonedEmpty(lock)) breakStale(lock, holder);
    else if (Date.now() - start > timeoutMs) {
      const who = holder ? `process ${holder.pid} on ${holder.host}` : "another process";
      throw new UserError(`${lock}: locked by ${who} for more than ${formatWait(timeoutMs)} (delete the file if no flocode is running)`, 2);
    } else {
      sleepSync(pause);
      pause = Math.min(pause * 2, 50);
    }
  }
}

function tryCreate(lock: string, me: Holder): boolean {
  let fd: number;
  try {
    fd = openWx(lock);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw new UserError(`${lock}: cannot create the lock file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, 2);
  }
  try {
    writeSync(fd, JSON.stringify(me));
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Creates the lock file exclusively, and its folder when it is missing (the file it guards is not written yet). */
function openWx(lock: string): number {
  try {
    return openSync(lock, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    mkdirSync(dirname(lock), { recursive: true });
    return openSync(lock, "wx");
  }
}

/** The holder a lock file names; undefined when it is gone, or half-written by a process that just took it. */
function readHolder(lock: string): Holder | undefined {
  try {
    const value = JSON.parse(readFileSync(lock, "utf8")) as Partial<Holder>;
    if (
      typeof value.pid === "number" &&
      typeof value.host === "string" &&
      typeof value.nonce === "string" &&
      typeof value.since === "number"
    )
      return value as Holder;
  } catch {
    // gone or being written: look again
  }
  return undefined;
}

function isStale(holder: Holder, staleMs: number): boolean {
  if (Date.now() - holder.since > staleMs) return true;
  return holder.host === hostname() && !isProcessAlive(holder.pid);
}

/** A lock file still empty seconds after it was created: its process died between creating and writing it. */
function abandonedEmpty(lock: string): boolean {
  const st = statSync(lock, { throwIfNoEntry: false });
  return st !== undefined && st.size === 0 && Date.now() - st.mtimeMs > 5_000;
}

function breakStale(lock: string, judged: Holder | undefined): void {
  const aside = `${lock}.stale-${randomBytes(6).toString("hex")}`;
  try {
    renameSync(lock, aside);
  } catch {
    return; // someone else broke it first
  }
  const moved = readHolder(aside);
  if (moved !== undefined && moved.nonce !== judged?.nonce) {
    // a fresh lock replaced the stale one meanwhile: give it back
    try {
      linkSync(aside, lock);
    } catch {
      // a third process took the lock in between; the fresh holder's release will not find its file: harmless
    }
  }
  unlinkSync(aside);
}

function releaseIfMine(lock: string, nonce: string): void {
  if (readHolder(lock)?.nonce !== nonce) return;
  try {
    unlinkSync(lock);
  } catch {
    // already broken as stale
  }
}
