import { fileURLToPath } from "node:url";
import type { CallSite } from "./types.js";

/**
 * The file:line:column of a caller, read from a V8 stack trace: `depth` 0 is the function calling
 * `callSite`, 1 its caller, and so on. Returns undefined whenever the stack does not look as expected
 * (other engines, frames without a location, `Error.stackTraceLimit` too small): a missing site only makes
 * error messages less precise, a wrong one would mislead.
 */
export function callSite(depth: number): CallSite | undefined {
  if (!Number.isInteger(depth) || depth < 0) return undefined;
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = depth + 2;
    Error.captureStackTrace?.(holder, callSite);
  } finally {
    Error.stackTraceLimit = limit;
  }
  if (typeof holder.stack !== "string") return undefined;
  const frames = holder.stack.split("\n").filter((l) => /^\s+at /.test(l));
  const frame = frames[depth];
  return frame === undefined ? undefined : parseFrame(frame);
}

/** Parses one V8 frame line: `    at fn (file:line:col)` or `    at file:line:col`. */
export function parseFrame(line: string): CallSite | undefined {
  const m = /^\s+at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/.exec(line);
  if (!m) return undefined;
  let file = m[1]!;
  if (file.startsWith("async ")) file = file.slice(6);
  if (file.startsWith("file://")) {
    try {
      file = fileURLToPath(file);
    } catch {
      return undefined;
    }
  }
  if (file === "" || file.startsWith("node:") || file === "native" || file.includes("<anonymous>")) return undefined;
  const lineNo = Number(m[2]);
  const column = Number(m[3]);
  if (!Number.isSafeInteger(lineNo) || !Number.isSafeInteger(column) || lineNo < 1) return undefined;
  return { file, line: lineNo, column };
}
