/**
 * `flocode import`: a flopack file → a pack folder of TypeScript that `flocode build` turns back into it.
 *
 * Pipeline: 1. read and validate the file (findings → exit 1); 2. learn the cards the catalog lacks into the
 * project catalog (in memory); 3. lift to IR against built-in + project catalog; 4. generate the files;
 * 5. check what the folder holds (import-manifest.ts: never overwrite a file import did not write, or that
 * changed since, without --force); 6. under the project catalog's lock, merge the learned cards into the catalog
 * as it is then, and write everything (catalog included) all or nothing; 7. remove the files of the previous
 * import that this one no longer writes.
 */
import { existsSync, statSync, unlinkSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { CatalogEntry } from "../catalog/entry.js";
import { mergeLearned } from "../catalog/project.js";
import { findProjectCatalog, PROJECT_CATALOG_COMMENT, PROJECT_CATALOG_FILE, readCatalogFile, renderCatalogText } from "../catalog/file.js";
import { planImportWrites } from "./import-manifest.js";
import { deriveEventStarts } from "../catalog/event-start.js";
import { CatalogLearner } from "../catalog/learn.js";
import { Catalog } from "../catalog/store.js";
import { exportBaseName } from "../format/file-kinds.js";
import { readFlopackFile } from "../format/parse.js";
import type { IrPack, JsonObject } from "../ir/types.js";
import { liftPack } from "../lift/lift-pack.js";
import { runRules } from "../rules/index.js";
import { writeFilesAtomic } from "../util/atomic-write.js";
import { withFileLock } from "../util/file-lock.js";
import { holdSignalsDuring } from "../util/signals.js";
import { UserError } from "../util/errors.js";
import { compareFindings, formatFinding, type Finding } from "../util/finding.js";
import { isObject } from "../util/json.js";
import { codegenPack, type CodegenResult, type GeneratedFile } from "../codegen/pack-files.js";

export interface ImportOptions {
  out: string;
  /** Overwrite files import did not write, or that changed since it wrote them. */
  force?: boolean;
}

export type ImportResult =
  | { ok: false; findings: Finding[] }
  | {
      ok: true;
      /** Paths written (the out folder joined with each file). */
      files: string[];
      cards: number;
      rawCards: number;
      /** Per raw card: its flow, name, address and the escape hatches it needed. */
      raw: CodegenResult["raw"];
      /** Card variants added to the project catalog. */
      learned: number;
      catalogFile?: string;
      /** Files of the previous import into the folder that this one removed (no longer part of it). */
      removed: string[];
      /** Flows the export calls but holds only as stubs, written as `externalFlow(...)` (resources.ts). */
      externalFlows: string[];
      warnings: string[];
    };

/** What an import would write, before anything is written. */
export interface ImportWrites {
  result: ImportResult;
  /** The generated files (absolute paths). */
  writes: GeneratedFile[];
  /** The variants this file taught the project catalog: merged into the catalog as it is when written. */
  learned: CatalogEntry[];
  catalogFile?: string;
}

/** Imports without writing: the generated files and what was learned. */
export function importFlopack(file: string, options: ImportOptions): ImportWrites {
  const lifted = liftFile(file, options);
  if (!lifted.ok) return { result: { ok: false, findings: lifted.findings }, writes: [], learned: [] };
  const { pack, catalog, catalogFile, learnt, extra, notes } = lifted;
  const generated = codegenPack(pack, catalog, safeName(basename(file)));
  const out = resolve(options.out);
  const writes: GeneratedFile[] = generated.files.map((g) => ({ path: join(out, g.path), text: g.text }));
  const learnsNew = learnt.added + extra.length > 0;
  return {
    result: {
      ok: true,
      files: [...writes.map((w) => w.path), ...(learnsNew ? [catalogFile] : [])],
      cards: generated.cards,
      rawCards: generated.rawCards,
      raw: generated.raw,
      learned: learnt.added + extra.length,
      ...(learnsNew ? { catalogFile } : {}),
      removed: [],
      externalFlows: pack.externalFlows.map((x) => x.name),
      warnings: [...notes, ...generated.lossy],
    },
    writes,
    learned: [...learnt.learned, ...extra],
    catalogFile,
  };
}

/**
 * A folder or pack name from a file name: without its export extension (.flow, .folder, .flopack), and never empty, `.` or `..` (a default output
 * path must stay inside a folder of its own: `flocode import ...flopack` must not write into the current folder).
 */
export function safeName(fileName: string): string {
  const name = exportBaseName(fileName).trim();
  return name === "" || /^\.+$/.test(name) ? "imported" : name;
}

type Learnt = ReturnType<typeof learnMissing>;

/**
 * Steps 1–3. A function of its own so that the parsed pack (and its text) is garbage once the IR exists:
 * code generation of a large pack needs that memory.
 */
function liftFile(
  file: string,
  options: ImportOptions,
):
  | { ok: false; findings: Finding[] }
  | { ok: true; pack: IrPack; catalog: Catalog; catalogFile: string; learnt: Learnt; extra: CatalogEntry[]; notes: string[] } {
  const read = readValidFlopack(file);
  if (!read.ok) return read;
  const flopack = read.flopack;

  const out = resolve(options.out);
  if (existsSync(out) && !statSync(out).isDirectory()) throw new UserError(`${options.out}: exists and is not a folder`, 2);
  const catalogFile = findProjectCatalog(out) ?? join(out, PROJECT_CATALOG_FILE);
  const learner = new CatalogLearner();
  // An event flow's start card is made from its event card (catalog/event-start.ts): nothing to learn for it.
  deriveEventStarts(Catalog.builtin(), flopack);
  const learnt = learnMissing(flopack, basename(file), catalogFile, learner);
  const catalog = Catalog.builtin().clone();
  for (const e of learnt.entries) catalog.add(e);

  const lifted = liftPack(flopack, {
    template: (a, v) => catalog.get(a, v)?.template,
    knownVariant: (card) => learner.variantOfCard(card),
  });
  // Lift may still meet a variant the learner reduced differently: keep its own template too.
  const extra: CatalogEntry[] = lifted.learned.map((l) => ({
    address: l.address,
    variant: l.variant,
    name: templateName(l.template),
    options: {},
    count: 1,
    sources: [basename(file)],
    template: l.template,
  }));
  for (const e of extra) catalog.add(e);
  return { ok: true, pack: lifted.pack, catalog, catalogFile, learnt, extra, notes: read.warnings.map(formatFinding) };
}

/** Warnings of validate about content the import does not carry over (FP216 collection-keys). */
const LOST_ON_IMPORT = new Set(["FP216"]);

/** Step 1, without the file's text (garbage once parsed: 160 MB for a 100k-card pack). */
function readValidFlopack(file: string): { ok: false; findings: Finding[] } | { ok: true; flopack: JsonObject; warnings: Finding[] } {
  const parsed = readFlopackFile(file);
  if (!parsed.ok) return parsed;
  // readFlopackFile checked the JSON Schema: what is left of validate is its rules
  const all = runRules(parsed.flopack as unknown as Record<string, unknown>, { file }).sort(compareFindings);
  const findings = all.filter((x) => x.severity === "error");
  if (findings.length > 0) return { ok: false, findings };
  // what the import cannot keep is said, never silently dropped: first copies of duplicate keys, unknown keys
  const lost = all.filter((x) => LOST_ON_IMPORT.has(x.code));
  return { ok: true, flopack: parsed.flopack as unknown as JsonObject, warnings: [...parsed.warnings, ...lost] };
}

/**
 * Imports and writes. Nothing is written when anything fails before the writes; the writes themselves are all or
 * nothing (the catalog included), under the project catalog's lock so that parallel imports lose no learned card.
 */
export function runImportFile(file: string, options: ImportOptions): ImportResult {
  const { result, writes, learned, catalogFile } = importFlopack(file, options);
  if (!result.ok) return result;
  const out = resolve(options.out);
  const plan = planImportWrites(out, writes, basename(file), options.force === true);
  let added = 0;
  const writeAll = () => {
    const files = [...plan.writes];
    if (catalogFile !== undefined && learned.length > 0) {
      const existing = existsSync(catalogFile) ? readCatalogFile(catalogFile) : undefined;
      const merged = mergeLearned(existing?.entries ?? [], learned);
      added = merged.added.length;
      if (added > 0)
        files.push({
          path: catalogFile,
          content: renderCatalogText(merged.entries, { key: "$comment", text: existing?.header ?? PROJECT_CATALOG_COMMENT }),
        });
    }
    writeFilesAtomic(files);
  };
  // Ctrl-C while writing waits for the write to end (no temporary file, no half-written folder)
  holdSignalsDuring(
    () => (catalogFile !== undefined && learned.length > 0 ? withFileLock(catalogFile, writeAll) : writeAll()),
    (signal) => process.stderr.write(`flocode: ${signal}: stopped once the import was written\n`),
  );
  const removed: string[] = [];
  const warnings = [...result.warnings];
  for (const path of plan.stale) {
    try {
      unlinkSync(path);
      removed.push(path);
    } catch {
      warnings.push(`${path}: no longer part of this import, and could not be removed`);
    }
  }
  for (const path of plan.keptStale) warnings.push(`${path}: no longer part of this import, but changed since flocode wrote it: kept`);
  const { catalogFile: _readTime, ...rest } = result; // the catalog as read: what this write added is what counts
  return {
    ...rest,
    files: [...plan.writes.map((w) => w.path), ...(added > 0 ? [catalogFile!] : [])],
    learned: added,
    ...(added > 0 ? { catalogFile: catalogFile! } : {}),
    removed,
    warnings,
  };
}

/**
 * The project catalog's entries plus the variants of this file neither catalog knows (for lifting), and what
 * this file taught (`learned`: merged into the catalog file when it is written).
 */
function learnMissing(
  flopack: JsonObject,
  source: string,
  catalogFile: string,
  learner: CatalogLearner,
): { entries: CatalogEntry[]; added: number; learned: CatalogEntry[] } {
  const existing = existsSync(catalogFile) ? readCatalogFile(catalogFile) : { entries: [] as CatalogEntry[] };
  learner.addFlopack(flopack, source);
  const builtin = Catalog.builtin();
  const learned = learner.entries().filter((e) => !builtin.has(e.address, e.variant));
  const merged = mergeLearned(existing.entries, learned, builtin);
  return { entries: merged.entries, added: merged.added.length, learned };
}

function templateName(template: JsonObject): string {
  const node = isObject(template.node) ? template.node : {};
  const data = isObject(node.data) ? node.data : {};
  return typeof data.name === "string" && data.name !== "" ? data.name : "card";
}

export function formatImportFindings(findings: readonly Finding[]): string {
  return findings.map(formatFinding).join("\n");
}
