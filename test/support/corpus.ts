import { accessSync, constants, readdirSync, readFileSync, statSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";
import { isExportFileName } from "../../src/format/file-kinds.js";

/**
 * The real exports live outside the repo, in the folders named by FLOCODE_CORPUS, separated by `:` (CI:
 * ../shared/flopacks, plus ../shared/community which .ci/run adds). The rule, here and nowhere else:
 * - FLOCODE_CORPUS not set (or set to ""): the corpus tests skip; the test run says so once (global-setup.ts).
 * - set: every folder it names must be usable. A folder that is missing, is not a folder, cannot be read or holds
 *   no readable export (`.flow`, `.folder` or `.flopack`) fails the run, naming that folder (global-setup.ts
 *   checks before any test; `corpus()` throws the same error in a test).
 * A corpus test must never pass over zero files: `corpus()` returns at least one.
 */
export interface CorpusFolder {
  dir: string;
  files: string[]; // absolute paths, sorted
}

export interface Corpus {
  /** One entry per folder FLOCODE_CORPUS names, in its order (a folder named twice counts once). */
  folders: CorpusFolder[];
  /** Every file of every folder, folder by folder. */
  files: string[];
}

export const CORPUS_SKIP_MESSAGE =
  "FLOCODE_CORPUS is not set: the corpus tests are skipped (set it to folders of exports separated by ':', e.g. ../shared/flopacks:../shared/community)";

export class CorpusError extends Error {}

/** The corpus FLOCODE_CORPUS names: undefined when it is not set; throws a CorpusError when any folder is unusable. */
export function readCorpus(value: string | undefined): Corpus | undefined {
  if (value === undefined || value === "") return undefined;
  const folders: CorpusFolder[] = [];
  for (const part of value.split(delimiter)) {
    if (part === "") continue;
    const folder = readCorpusFolder(part);
    if (!folders.some((f) => f.dir === folder.dir)) folders.push(folder);
  }
  if (folders.length === 0) throw new CorpusError(`FLOCODE_CORPUS=${value}: names no folder`);
  return { folders, files: folders.flatMap((f) => f.files) };
}

function readCorpusFolder(value: string): CorpusFolder {
  const dir = resolve(value);
  const where = value === dir ? dir : `${value} (${dir})`;
  const fail = (why: string): never => {
    throw new CorpusError(`FLOCODE_CORPUS=${where}: ${why}`);
  };
  let names: string[] = [];
  try {
    if (!statSync(dir).isDirectory()) fail("not a folder");
    names = readdirSync(dir);
  } catch (error) {
    if (error instanceof CorpusError) throw error;
    fail(describe(error));
  }
  const files = names
    .filter(isExportFileName)
    .sort()
    .map((f) => join(dir, f));
  if (files.length === 0) fail("the folder holds no export (.flow, .folder or .flopack file)");
  for (const file of files) {
    try {
      accessSync(file, constants.R_OK);
    } catch (error) {
      fail(`cannot read ${file}: ${describe(error)}`);
    }
  }
  return { dir, files };
}

let cached: { corpus: Corpus | undefined } | undefined;

/** The corpus of this test run (see `readCorpus`). Use as `describe.skipIf(!corpus())(...)`. */
export function corpus(): Corpus | undefined {
  cached ??= { corpus: readCorpus(process.env.FLOCODE_CORPUS) };
  return cached.corpus;
}

/**
 * A corpus file as JSON (a byte-order mark, which some editors add, is not part of the document). Typed as
 * `JSON.parse` is, so that it replaces `JSON.parse(readFileSync(file, "utf8"))` as it is.
 */
export function readCorpusJson(file: string): any {
  return JSON.parse(readFileSync(file, "utf8").replace(/^\uFEFF/, ""));
}

function describe(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === "ENOENT") return "no such folder or file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return error instanceof Error ? error.message : String(error);
}
