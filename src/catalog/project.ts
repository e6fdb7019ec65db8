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
 * are added (or merged into the file's entry of the same variant). The file is written atomically, only when
 * its content changes (and not created when there is nothing to record).
 */
export function learnIntoProjectCatalog(
  file: string,
  flopacks: ReadonlyArray<{ flopack: unknown; source: string }>,
  builtin: Catalog = Catalog.builtin(),
): LearnReport {
  const exists = existsSync(file);
  const existing = exists ? readCatalogFile(file) : { entries: [] as CatalogEntry[] };
  const project = new Catalog(existing.entries);
  const learner = new CatalogLearner();
  for (const { flopack, source } of flopacks) learner.addFlopack(flopack, source);
  const added: CatalogEntry[] = [];
  const updated: CatalogEntry[] = [];
  let known = 0;
  for (const entry of learner.entries()) {
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
  const entries = project.entries();
  const comment = existing.header ?? PROJECT_CATALOG_COMMENT;
  // Nothing to record and no file yet: do not create an empty catalog file.
  const written = !exists && entries.length === 0 ? false : writeCatalogFile(file, entries, comment);
  return { file, added, updated, known, total: entries.length, written };
}
