/**
 * `flocode import`: a flopack file → a pack folder of TypeScript that `flocode build` turns back into it.
 *
 * Pipeline: 1. read and validate the file (findings → exit 1); 2. learn the cards the catalog lacks into the
 * project catalog (in memory); 3. lift to IR against built-in + project catalog; 4. generate the files;
 * 5. write everything (catalog included) only once all of it is ready.
 */
import { existsSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { CatalogEntry } from "../catalog/entry.js";
import { mergeEntries } from "../catalog/entry.js";
import { findProjectCatalog, PROJECT_CATALOG_COMMENT, PROJECT_CATALOG_FILE, readCatalogFile, renderCatalogText } from "../catalog/file.js";
import { CatalogLearner } from "../catalog/learn.js";
import { Catalog } from "../catalog/store.js";
import { exportBaseName } from "../format/file-kinds.js";
import { readFlopackFile } from "../format/parse.js";
import type { IrPack, JsonObject } from "../ir/types.js";
import { liftPack } from "../lift/lift-pack.js";
import { validateFlopack } from "../rules/index.js";
import { writeFileAtomic } from "../util/atomic-write.js";
import { UserError } from "../util/errors.js";
import { formatFinding, type Finding } from "../util/finding.js";
import { isObject } from "../util/json.js";
import { codegenPack, type CodegenResult, type GeneratedFile } from "../codegen/pack-files.js";

export interface ImportOptions {
  out: string;
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
      /** Flows the export calls but holds only as stubs, written as `externalFlow(...)` (resources.ts). */
      externalFlows: string[];
      warnings: string[];
    };

/** Imports without writing: the files (relative to `out`) and what was learned. */
export function importFlopack(file: string, options: ImportOptions): { result: ImportResult; writes: GeneratedFile[] } {
  const lifted = liftFile(file, options);
  if (!lifted.ok) return { result: { ok: false, findings: lifted.findings }, writes: [] };
  const { pack, catalog, catalogFile, learnt, extra } = lifted;
  const packName = exportBaseName(basename(file)) || "imported";
  const generated = codegenPack(pack, catalog, packName);

  const out = resolve(options.out);
  const writes: GeneratedFile[] = generated.files.map((g) => ({ path: join(out, g.path), text: g.text }));
  const catalogEntries = [...learnt.entries, ...extra];
  if (learnt.added + extra.length > 0) {
    writes.push({
      path: catalogFile,
      text: renderCatalogText(mergeAll(catalogEntries), { key: "$comment", text: learnt.header ?? PROJECT_CATALOG_COMMENT }),
    });
  }
  return {
    result: {
      ok: true,
      files: writes.map((w) => w.path),
      cards: generated.cards,
      rawCards: generated.rawCards,
      raw: generated.raw,
      learned: learnt.added + extra.length,
      ...(learnt.added + extra.length > 0 ? { catalogFile } : {}),
      externalFlows: pack.externalFlows.map((x) => x.name),
      warnings: generated.lossy,
    },
    writes,
  };
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
  | { ok: true; pack: IrPack; catalog: Catalog; catalogFile: string; learnt: Learnt; extra: CatalogEntry[] } {
  const read = readValidFlopack(file);
  if (!read.ok) return read;
  const flopack = read.flopack;

  const out = resolve(options.out);
  if (existsSync(out) && !statSync(out).isDirectory()) throw new UserError(`${options.out}: exists and is not a folder`, 2);
  const catalogFile = findProjectCatalog(out) ?? join(out, PROJECT_CATALOG_FILE);
  const learner = new CatalogLearner();
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
  return { ok: true, pack: lifted.pack, catalog, catalogFile, learnt, extra };
}

/** Step 1, without the file's text (garbage once parsed: 160 MB for a 100k-card pack). */
function readValidFlopack(file: string): { ok: false; findings: Finding[] } | { ok: true; flopack: JsonObject } {
  const parsed = readFlopackFile(file);
  if (!parsed.ok) return parsed;
  const findings = validateFlopack(parsed.flopack as unknown as Record<string, unknown>, { file }).filter((x) => x.severity === "error");
  if (findings.length > 0) return { ok: false, findings };
  return { ok: true, flopack: parsed.flopack as unknown as JsonObject };
}

/** Imports and writes. Nothing is written when anything fails before the writes. */
export function runImportFile(file: string, options: ImportOptions): ImportResult {
  const { result, writes } = importFlopack(file, options);
  if (!result.ok) return result;
  try {
    for (const w of writes) writeFileAtomic(w.path, w.text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`${options.out}: cannot write the imported files${code ? ` (${code})` : ""}`, 2);
  }
  return result;
}

/** The project catalog's entries plus the variants of this file neither catalog knows. */
function learnMissing(
  flopack: JsonObject,
  source: string,
  catalogFile: string,
  learner: CatalogLearner,
): { entries: CatalogEntry[]; added: number; header?: string } {
  const existing = existsSync(catalogFile) ? readCatalogFile(catalogFile) : { entries: [] as CatalogEntry[] };
  const project = new Catalog(existing.entries);
  const builtin = Catalog.builtin();
  learner.addFlopack(flopack, source);
  let added = 0;
  for (const entry of learner.entries()) {
    const current = project.get(entry.address, entry.variant);
    if (current) project.add(mergeEntries(current, entry));
    else if (!builtin.has(entry.address, entry.variant)) {
      project.add(entry);
      added++;
    }
  }
  return { entries: project.entries(), added, ...(existing.header !== undefined ? { header: existing.header } : {}) };
}

function mergeAll(entries: CatalogEntry[]): CatalogEntry[] {
  const c = new Catalog();
  for (const e of entries) {
    const cur = c.get(e.address, e.variant);
    c.add(cur ? mergeEntries(cur, e) : e);
  }
  return c.entries();
}

function templateName(template: JsonObject): string {
  const node = isObject(template.node) ? template.node : {};
  const data = isObject(node.data) ? node.data : {};
  return typeof data.name === "string" && data.name !== "" ? data.name : "card";
}

export function formatImportFindings(findings: readonly Finding[]): string {
  return findings.map(formatFinding).join("\n");
}
