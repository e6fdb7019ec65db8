/**
 * What `flocode import` wrote into a folder: `.flocode-import.json`, each file with the SHA-256 of the bytes it
 * wrote. A re-import overwrites only files it wrote and nobody changed since (or files that already hold the
 * new bytes); anything else needs `--force`. Files of the previous import that this one no longer writes are
 * removed when unchanged, and reported (kept) when someone edited them.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { FileWrite } from "../util/atomic-write.js";
import { readBounded } from "../util/bounded-read.js";
import { UserError } from "../util/errors.js";
import { isObject } from "../util/json.js";

export const MANIFEST_FILE = ".flocode-import.json";
const MANIFEST_COMMENT =
  "Written by flocode import: the files it wrote here and their SHA-256. A re-import overwrites only files nobody changed since (flocode import --force overwrites any).";
/** Far above any real pack folder's files. */
const MAX_FILE_BYTES = 512 * 1024 * 1024;

export interface ImportPlan {
  /** The generated files and the new manifest. */
  writes: FileWrite[];
  /** Files of the previous import this one does not write, unchanged since: to remove after the writes. */
  stale: string[];
  /** Files of the previous import this one does not write, changed since: kept, reported. */
  keptStale: string[];
}

/**
 * Plans the writes of an import into `out`. Throws a UserError (exit 2) naming every file it would overwrite
 * that it did not write, or that changed since, unless `force`.
 */
export function planImportWrites(
  out: string,
  files: ReadonlyArray<{ path: string; text: string }>,
  source: string,
  force: boolean,
): ImportPlan {
  const previous = readManifest(out, force);
  const hashes = new Map<string, string>();
  const refused: string[] = [];
  for (const f of files) {
    const rel = relative(out, f.path).split(sep).join("/");
    const hash = sha256(f.text);
    hashes.set(rel, hash);
    if (force) continue;
    const onDisk = hashOnDisk(f.path);
    if (onDisk === undefined || onDisk === hash || onDisk === previous.get(rel)) continue;
    refused.push(f.path);
  }
  if (refused.length > 0) {
    const list = refused.length > 5 ? `${refused.slice(0, 5).join(", ")} and ${refused.length - 5} more` : refused.join(", ");
    throw new UserError(
      `import would overwrite ${refused.length === 1 ? "a file" : `${refused.length} files`} it did not write or that changed since: ${list}; nothing was written (--force overwrites)`,
      2,
    );
  }
  const stale: string[] = [];
  const keptStale: string[] = [];
  for (const [rel, hash] of previous) {
    if (hashes.has(rel)) continue;
    const path = join(out, ...rel.split("/"));
    const onDisk = hashOnDisk(path);
    if (onDisk === undefined) continue;
    (onDisk === hash ? stale : keptStale).push(path);
  }
  const manifest = { path: join(out, MANIFEST_FILE), content: manifestText(source, hashes) };
  return { writes: [...files.map((f) => ({ path: f.path, content: f.text })), manifest], stale, keptStale };
}

function manifestText(source: string, hashes: Map<string, string>): string {
  const lines = [...hashes.keys()].sort().map((rel) => `${JSON.stringify(rel)}:${JSON.stringify(hashes.get(rel))}`);
  return `{"$comment":${JSON.stringify(MANIFEST_COMMENT)},\n"source":${JSON.stringify(source)},\n"files":{\n${lines.join(",\n")}\n}}\n`;
}

/** The previous import's files (relative path → hash); empty when there is none. */
function readManifest(out: string, force: boolean): Map<string, string> {
  const path = join(out, MANIFEST_FILE);
  if (!existsSync(path)) return new Map();
  const read = readBounded(path, { maxBytes: 64 * 1024 * 1024 });
  let value: unknown;
  try {
    value = read.ok ? JSON.parse(read.bytes.toString("utf8")) : undefined;
  } catch {
    value = undefined;
  }
  const files = isObject(value) && isObject(value.files) ? value.files : undefined;
  if (files === undefined || !Object.values(files).every((h) => typeof h === "string")) {
    if (force) return new Map();
    throw new UserError(
      `${path}: not a manifest of flocode import (${read.ok ? "unexpected content" : read.message}); nothing was written (--force overwrites)`,
      2,
    );
  }
  // only paths inside the folder: a hostile manifest must not make a re-import remove files elsewhere
  return new Map(Object.entries(files as Record<string, string>).filter(([rel]) => isInside(rel)));
}

function isInside(rel: string): boolean {
  return rel !== "" && !rel.startsWith("/") && !rel.split("/").some((part) => part === ".." || part === "" || part === ".");
}

function hashOnDisk(path: string): string | undefined {
  const read = readBounded(path, { maxBytes: MAX_FILE_BYTES, idleMs: 1 });
  if (read.ok) return sha256(read.bytes);
  // a folder or a special file where a file goes: never "unchanged" (the write reports what it is)
  return read.kind === "io" && read.code === "ENOENT" ? undefined : "";
}

function sha256(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}
