/**
 * Reads a file's bytes with a size limit that holds whatever the path is: a regular file (checked on its size
 * before reading), or a stream (a pipe such as /dev/stdin, a fifo, a device such as /dev/zero), read in chunks
 * and stopped at the limit. Nothing waits forever: a stream that sends nothing for `idleMs` (a fifo nobody
 * writes to, a terminal) ends the read with an error, and sockets and folders are refused before any read.
 * Synchronous, like the rest of the readers: a stream is opened non-blocking and polled.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from "node:fs";
import { formatWait, sleepSync } from "./process.js";

export interface BoundedReadOptions {
  maxBytes: number;
  /** How long a stream may send nothing before the read gives up (default: FLOCODE_READ_TIMEOUT_MS, else 10 s). */
  idleMs?: number;
  /** Stop at the first NUL byte (binary content): the caller will refuse the file anyway. */
  stopAtNul?: boolean;
}

export type BoundedReadFailure =
  /** The path cannot be opened or read: `code` is the errno code (ENOENT, EACCES, EISDIR, ...). */
  | { ok: false; kind: "io"; code: string; message: string }
  | { ok: false; kind: "too-large"; message: string }
  | { ok: false; kind: "timeout"; message: string }
  | { ok: false; kind: "nul"; offset: number; message: string };

export type BoundedRead = { ok: true; bytes: Buffer } | BoundedReadFailure;

const CHUNK = 1 << 16;
const DEFAULT_IDLE_MS = 10_000;

export function readBounded(path: string, options: BoundedReadOptions): BoundedRead {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (error) {
    return ioFailure(error, path);
  }
  if (st.isDirectory()) return { ok: false, kind: "io", code: "EISDIR", message: `${path} is a directory, not a file` };
  if (st.isSocket()) return { ok: false, kind: "io", code: "ESOCKET", message: `${path} is a socket, not a file` };
  const stream = !st.isFile();
  if (!stream && st.size > options.maxBytes) return tooLarge(options.maxBytes, st.size);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (stream ? constants.O_NONBLOCK : 0));
  } catch (error) {
    return ioFailure(error, path);
  }
  try {
    const opened = fstatSync(fd);
    // the path may have changed between the two looks: judge what was opened
    if (opened.isFile() && opened.size > options.maxBytes) return tooLarge(options.maxBytes, opened.size);
    return readFd(fd, opened, options);
  } catch (error) {
    return ioFailure(error, path);
  } finally {
    closeSync(fd);
  }
}

function readFd(fd: number, st: Stats, options: BoundedReadOptions): BoundedRead {
  const idleMs = options.idleMs ?? idleFromEnvironment();
  const fifo = st.isFIFO();
  const fifoOrDevice = !st.isFile();
  const sizeHint = fifoOrDevice ? CHUNK : st.size;
  // one byte past the limit tells "exactly at the limit" from "over it"
  let buffer = Buffer.allocUnsafe(Math.min(Math.max(sizeHint + 1, 1), options.maxBytes + 1));
  let length = 0;
  let idleSince = Date.now();
  let pause = 1;
  for (;;) {
    if (length === buffer.length) {
      if (length > options.maxBytes) return tooLarge(options.maxBytes);
      const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, options.maxBytes + 1));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    let n: number;
    try {
      n = readSync(fd, buffer, length, fifoOrDevice ? Math.min(buffer.length - length, CHUNK) : buffer.length - length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
      n = -1; // a stream with a writer but nothing to read yet
    }
    if (n > 0) {
      if (options.stopAtNul) {
        const nul = buffer.subarray(length, length + n).indexOf(0);
        if (nul !== -1) return { ok: false, kind: "nul", offset: length + nul, message: `NUL byte at offset ${length + nul}` };
      }
      length += n;
      idleSince = Date.now();
      pause = 1;
      continue;
    }
    // 0 is the end, except on a fifo before any byte came: no writer has opened it yet
    if (n === 0 && !(fifo && length === 0)) break;
    if (Date.now() - idleSince >= idleMs) {
      const what = fifo ? "a fifo or pipe" : "a device";
      return {
        ok: false,
        kind: "timeout",
        message: `nothing to read for ${formatWait(idleMs)} (${what} nobody writes to?)`,
      };
    }
    sleepSync(pause);
    pause = Math.min(pause * 2, 50);
  }
  if (length > options.maxBytes) return tooLarge(options.maxBytes);
  return { ok: true, bytes: buffer.subarray(0, length) };
}

function tooLarge(maxBytes: number, size?: number): BoundedReadFailure {
  const what = size === undefined ? `more than ${maxBytes} bytes` : `${size} bytes`;
  return { ok: false, kind: "too-large", message: `file is too large (${what}; the limit is ${maxBytes})` };
}

function ioFailure(error: unknown, path: string): BoundedReadFailure {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? "EIO";
  return { ok: false, kind: "io", code, message: ioMessage(code, path) };
}

/** One line for an errno code, naming the path. */
export function ioMessage(code: string, path: string): string {
  switch (code) {
    case "ENOENT":
      return `no such file: ${path}`;
    case "EACCES":
    case "EPERM":
      return `permission denied: ${path}`;
    case "EISDIR":
      return `${path} is a directory, not a file`;
    case "ELOOP":
      return `${path}: too many levels of symbolic links (a link loop?)`;
    case "ENOTDIR":
      return `${path}: a part of the path is not a folder`;
    case "ENXIO":
      return `${path} is a socket or a device without a reader, not a file`;
    default:
      return `cannot read ${path} (${code})`;
  }
}

function idleFromEnvironment(): number {
  const ms = Number(process.env.FLOCODE_READ_TIMEOUT_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : DEFAULT_IDLE_MS;
}
