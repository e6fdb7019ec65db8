/**
 * The catalog in memory: entries by address and variant, with the lookups emit, lift and the DSL need.
 * `Catalog.builtin()` is the committed catalog under `catalog/`; `loadCatalog()` adds a project's
 * `flocode.catalog.json` on top (same address and variant: the project entry wins).
 */
import { jsonEqual, type Json, type JsonObject } from "../util/json.js";
import { compareStrings } from "../util/compare.js";
import { compareEntries, optionValues, type CatalogEntry } from "./entry.js";
import type { CardContract } from "./contract.js";
import { ContractLearner } from "./contract-learn.js";
import { findProjectCatalog, readBuiltinCatalog, readCatalogFile } from "./file.js";

/** Looks up catalog templates by address and variant (a catalog, or templates learned on the fly). */
export interface TemplateSource {
  template(address: string, variant: string): JsonObject | undefined;
  /** The variant of this very card when already known (import's learner computed it): saves a second hashing. */
  knownVariant?(card: JsonObject): string | undefined;
}

export class Catalog {
  private readonly byAddress = new Map<string, Map<string, CatalogEntry>>();
  private readonly contracts = new Map<string, CardContract>();
  /** Contracts read from templates, for addresses without a learned one (cleared on every change). */
  private readonly derivedContracts = new Map<string, CardContract>();
  private readOnly = false;
  private changes = 0;
  private static builtinCatalog: Catalog | undefined;

  constructor(entries: Iterable<CatalogEntry> = [], contracts: Iterable<CardContract> = []) {
    for (const e of entries) this.add(e);
    for (const c of contracts) this.addContract(c);
  }

  /** The built-in catalog (`catalog/*.json`), read on first use and shared; it is read-only. */
  static builtin(): Catalog {
    if (!Catalog.builtinCatalog) {
      const { entries, contracts } = readBuiltinCatalog();
      const catalog = new Catalog(entries, contracts);
      catalog.readOnly = true;
      Catalog.builtinCatalog = catalog;
    }
    return Catalog.builtinCatalog;
  }

  /** A mutable copy. */
  clone(): Catalog {
    return new Catalog(this.entries(), this.contracts.values());
  }

  /** Adds (or replaces) the contract of an address. */
  addContract(contract: CardContract): void {
    if (this.readOnly) throw new Error("the built-in catalog is read-only: use loadCatalog() or catalog.clone()");
    this.contracts.set(contract.address, contract);
    this.derivedContracts.delete(contract.address);
    this.changes++;
  }

  /**
   * The contract of an address: the learned one, else one read from its templates (a project catalog's cards:
   * types, choices and required flags, no defaults). Undefined for an address the catalog does not know.
   */
  contract(address: string): CardContract | undefined {
    const learned = this.contracts.get(address);
    if (learned) return learned;
    let derived = this.derivedContracts.get(address);
    if (!derived) {
      const variants = this.variants(address);
      if (variants.length === 0) return undefined;
      derived = contractFromTemplates(variants);
      this.derivedContracts.set(address, derived);
    }
    return derived;
  }

  /** Every learned contract, sorted by address. */
  learnedContracts(): CardContract[] {
    return [...this.contracts.values()].sort((a, b) => compareStrings(a.address, b.address));
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
    this.derivedContracts.delete(entry.address);
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

  /**
   * The entries of an address, default first: templates without an export's residue first (a new card is the
   * card's clean shape), then most instances, ties by variant id.
   */
  variants(address: string): CatalogEntry[] {
    const variants = this.byAddress.get(address);
    if (!variants) return [];
    return [...variants.values()].sort(compareVariants);
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

/** Default first: no residue, then most instances, then the variant id. */
export function compareVariants(a: CatalogEntry, b: CatalogEntry): number {
  const ra = a.residue ? 1 : 0;
  const rb = b.residue ? 1 : 0;
  return ra - rb || b.count - a.count || compareStrings(a.variant, b.variant);
}

/** A contract read from templates alone: each template counts as one observation. */
function contractFromTemplates(variants: readonly CatalogEntry[]): CardContract {
  const learner = new ContractLearner();
  for (const v of variants) learner.addCard(v.template, v.variant);
  return learner.contracts()[0]!;
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

