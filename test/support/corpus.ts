import { accessSync, constants, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

/**
 * The real exports live outside the repo, in the folder named by FLOCODE_CORPUS (CI: ../shared/flopacks).
 * The rule, here and nowhere else:
 * - FLOCODE_CORPUS not set (or set to ""): the corpus tests skip; the test run says so once (global-setup.ts).
 * - set, but the folder is missing, is not a folder, cannot be read or holds no readable .flopack file: the run
 *   fails, naming the path (global-setup.ts checks before any test; `corpus()` throws the same error in a test).
 * A corpus test must never pass over zero files: `corpus()` returns at least one.
 */
export interface Corpus {
  dir: string;
  files: string[]; // absolute paths, sorted
}

export const CORPUS_SKIP_MESSAGE =
  "FLOCODE_CORPUS is not set: the corpus tests are skipped (set it to a folder of .flopack exports, e.g. ../shared/flopacks)";

export class CorpusError extends Error {}

/** The corpus FLOCODE_CORPUS names: undefined when it is not set; throws a CorpusError when it is set but unusable. */
export function readCorpus(value: string | undefined): Corpus | undefined {
  if (value === undefined || value === "") return undefined;
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
    .filter((f) => f.endsWith(".flopack"))
    .sort()
    .map((f) => join(dir, f));
  if (files.length === 0) fail("the folder holds no .flopack file");
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

function describe(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === "ENOENT") return "no such folder or file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return error instanceof Error ? error.message : String(error);
}
