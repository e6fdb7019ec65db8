/**
 * A project's catalog (`flocode.catalog.json`): card variants the built-in catalog lacks, learned from the
 * project's own exports (`flocode catalog learn`, `flocode import`).
 */
import { existsSync } from "node:fs";
import type { CatalogEntry } from "./entry.js";
import { mergeEntries } from "./entry.js";
import { readCatalogFile, writeCatalogFile, PROJECT_CATALOG_COMMENT } from "./file.js";
import { CatalogLearner } from "./learn.js";
import { Catalog } from "./store.js";
import { withFileLock } from "../util/file-lock.js";

export interface LearnReport {
  file: string;
  /** Variants new to the project file. */
  added: CatalogEntry[];
  /** Variants already in the project file (counts and sources merged). */
  updated: CatalogEntry[];
  /** Variants the built-in catalog already has (not written). */
  known: number;
  /** Entries in the file afterwards. */
  total: number;
  /** Whether the file's bytes changed. */
  written: boolean;
}

/**
 * Learns the cards of parsed flopacks into a project catalog file: variants missing from the built-in catalog
 * are added (or merged into the file's entry of the same variant). The file is read, merged and written back
 * under its lock (`<file>.lock`), atomically, only when its content changes (and not created when there is
 * nothing to record).
 */
export function learnIntoProjectCatalog(
  file: string,
  flopacks: ReadonlyArray<{ flopack: unknown; source: string }>,
  builtin: Catalog = Catalog.builtin(),
): LearnReport {
  const learner = new CatalogLearner();
  for (const { flopack, source } of flopacks) learner.addFlopack(flopack, source);
  // read, merge and write back under the file's lock: a parallel `catalog learn` or `import` loses nothing
  return withFileLock(file, () => {
    const exists = existsSync(file);
    const existing = exists ? readCatalogFile(file) : { entries: [] as CatalogEntry[] };
    const merged = mergeLearned(existing.entries, learner.entries(), builtin);
    const comment = existing.header ?? PROJECT_CATALOG_COMMENT;
    // Nothing to record and no file yet: do not create an empty catalog file.
    const written = !exists && merged.entries.length === 0 ? false : writeCatalogFile(file, merged.entries, comment);
    return { file, added: merged.added, updated: merged.updated, known: merged.known, total: merged.entries.length, written };
  });
}

export interface MergedCatalog {
  /** Every entry afterwards. */
  entries: CatalogEntry[];
  /** Learned variants new to the file (and not built in). */
  added: CatalogEntry[];
  /** Entries of the file a learned variant was merged into. */
  updated: CatalogEntry[];
  /** Learned variants the built-in catalog already has (not recorded). */
  known: number;
}

/**
 * Merges learned entries into a project catalog's entries: a variant the file has is merged (counts and
 * sources), a new one is added unless the built-in catalog has it. Applied to the file as it is when the lock
 * is held, so that what other writers added meanwhile stays.
 */
export function mergeLearned(existing: readonly CatalogEntry[], learned: readonly CatalogEntry[], builtin: Catalog = Catalog.builtin()): MergedCatalog {
  const project = new Catalog([...existing]);
  const added: CatalogEntry[] = [];
  const updated: CatalogEntry[] = [];
  let known = 0;
  for (const entry of learned) {
    const current = project.get(entry.address, entry.variant);
    if (current) {
      const merged = mergeEntries(current, entry);
      project.add(merged);
      updated.push(merged);
    } else if (builtin.has(entry.address, entry.variant)) {
      known++;
    } else {
      project.add(entry);
      added.push(entry);
    }
  }
  return { entries: project.entries(), added, updated, known };
}
