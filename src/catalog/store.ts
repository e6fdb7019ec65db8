/**
 * The catalog in memory: entries by address and variant, with the lookups emit, lift and the DSL need.
 * `Catalog.builtin()` is the committed catalog under `catalog/`; `loadCatalog()` adds a project's
 * `flocode.catalog.json` on top (same address and variant: the project entry wins).
 */
import { jsonEqual, type Json, type JsonObject } from "../util/json.js";
import { compareStrings } from "../util/compare.js";
import { compareEntries, optionValues, type CatalogEntry } from "./entry.js";
import { findProjectCatalog, readBuiltinEntries, readCatalogFile } from "./file.js";

/** Looks up catalog templates by address and variant (a catalog, or templates learned on the fly). */
export interface TemplateSource {
  template(address: string, variant: string): JsonObject | undefined;
  /** The variant of this very card when already known (import's learner computed it): saves a second hashing. */
  knownVariant?(card: JsonObject): string | undefined;
}

export class Catalog {
  private readonly byAddress = new Map<string, Map<string, CatalogEntry>>();
  private readOnly = false;
  private changes = 0;
  private static builtinCatalog: Catalog | undefined;

  constructor(entries: Iterable<CatalogEntry> = []) {
    for (const e of entries) this.add(e);
  }

  /** The built-in catalog (`catalog/*.json`), read on first use and shared; it is read-only. */
  static builtin(): Catalog {
    if (!Catalog.builtinCatalog) {
      const catalog = new Catalog(readBuiltinEntries());
      catalog.readOnly = true;
      Catalog.builtinCatalog = catalog;
    }
    return Catalog.builtinCatalog;
  }

  /** A mutable copy. */
  clone(): Catalog {
    return new Catalog(this.entries());
  }

  /** Adds an entry, replacing any entry with the same address and variant. */
  add(entry: CatalogEntry): void {
    if (this.readOnly) throw new Error("the built-in catalog is read-only: use loadCatalog() or catalog.clone()");
    let variants = this.byAddress.get(entry.address);
    if (!variants) {
      variants = new Map();
      this.byAddress.set(entry.address, variants);
    }
    variants.set(entry.variant, entry);
    this.changes++;
  }

  /** Increases with every `add`: lets derived caches (card shapes) notice changes. */
  get revision(): number {
    return this.changes;
  }

  has(address: string, variant: string): boolean {
    return this.byAddress.get(address)?.has(variant) ?? false;
  }

  /** The entry of a variant, or without a variant the address's default (most instances, then smallest id). */
  get(address: string, variant?: string): CatalogEntry | undefined {
    if (variant !== undefined) return this.byAddress.get(address)?.get(variant);
    return this.variants(address)[0];
  }

  /** The entries of an address, default first: most instances first, ties by variant id. */
  variants(address: string): CatalogEntry[] {
    const variants = this.byAddress.get(address);
    if (!variants) return [];
    return [...variants.values()].sort((a, b) => b.count - a.count || compareStrings(a.variant, b.variant));
  }

  /**
   * The variant whose recorded option values include every given value (most instances first). Option keys
   * that no variant of the address records (free-valued options such as a table) do not take part.
   * No options given → the default variant; no match → undefined.
   */
  findByOptions(address: string, options: Readonly<Record<string, Json>>): CatalogEntry | undefined {
    const variants = this.variants(address);
    const recorded = new Set(variants.flatMap((v) => Object.keys(v.options)));
    const keys = Object.keys(options).filter((k) => recorded.has(k));
    return variants.find((v) => keys.every((k) => optionValues(v, k).some((x) => jsonEqual(x, options[k]))));
  }

  addresses(): string[] {
    return [...this.byAddress.keys()].sort(compareStrings);
  }

  /** Every entry, sorted by address then variant. */
  entries(): CatalogEntry[] {
    const out: CatalogEntry[] = [];
    for (const variants of this.byAddress.values()) out.push(...variants.values());
    return out.sort(compareEntries);
  }

  get size(): number {
    let n = 0;
    for (const v of this.byAddress.values()) n += v.size;
    return n;
  }
}

export interface LoadCatalogOptions {
  /** A project catalog file to add on top of the built-in catalog. */
  projectFile?: string;
  /** Without `projectFile`: look for `flocode.catalog.json` from this folder upwards. */
  searchFrom?: string;
}

/** The built-in catalog plus a project's entries (a project entry replaces the built-in one of the same variant). */
export function loadCatalog(options: LoadCatalogOptions = {}): Catalog {
  const catalog = Catalog.builtin().clone();
  const file = options.projectFile ?? (options.searchFrom !== undefined ? findProjectCatalog(options.searchFrom) : undefined);
  if (file !== undefined) for (const e of readCatalogFile(file).entries) catalog.add(e);
  return catalog;
}

