import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";

/**
 * The real exports live outside the repo, in the folder named by FLOCODE_CORPUS (CI: ../shared/flopacks).
 * Tests that need them call `corpus()`; when the folder is absent they skip and say so.
 */
export interface Corpus {
  dir: string;
  files: string[]; // absolute paths, sorted
}

export function corpus(): Corpus | undefined {
  const dir = process.env.FLOCODE_CORPUS;
  if (!dir) return undefined;
  const abs = resolve(dir);
  if (!existsSync(abs)) return undefined;
  const files = readdirSync(abs)
    .filter((f) => f.endsWith(".flopack"))
    .sort()
    .map((f) => join(abs, f));
  return { dir: abs, files };
}

export const corpusSkipReason = "FLOCODE_CORPUS is not set or does not exist: corpus tests skipped";

/** Use as `describe.skipIf(!corpus())(...)`, and print why once. */
export function announceCorpusSkip(): void {
  if (!corpus()) console.warn(`[flocode tests] ${corpusSkipReason}`);
}
