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
import { builtinCatalogFiles, builtinFileName, findProjectCatalog, readBuiltinFile, readCatalogFile } from "./file.js";

/**
 * The built-in catalog is read one file at a time, when an address of that file is first asked for (a build of
 * one flow reads the few files its cards are in, not 5 MB of JSON); anything that lists the whole catalog reads
 * every file first. Each file holds the entries and contracts of the addresses builtinFileName() maps to it.
 */
interface LazyFiles {
  /** The entries and contracts of one file (read once, shared by the built-in catalog and its clones). */
  read(name: string): { entries: readonly CatalogEntry[]; contracts: readonly CardContract[] };
  names(): readonly string[];
  loaded: Set<string>;
}

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
  /**
   * Templates derived from other templates (an event flow's start card, event-start.ts), by address and variant:
   * found by `get` and `has` like learned ones, listed nowhere (no variant choice or catalog file sees them).
   * A cache of what the catalog's own templates say, so a read-only catalog keeps them too.
   */
  private readonly derivedEntries = new Map<string, Map<string, CatalogEntry>>();
  private readOnly = false;
  private changes = 0;
  private static builtinCatalog: Catalog | undefined;
  private lazy: LazyFiles | undefined;

  constructor(entries: Iterable<CatalogEntry> = [], contracts: Iterable<CardContract> = []) {
    for (const e of entries) this.add(e);
    for (const c of contracts) this.addContract(c);
  }

  /** The built-in catalog (`catalog/*.json`), read on first use and shared; it is read-only. */
  static builtin(): Catalog {
    if (!Catalog.builtinCatalog) {
      const catalog = new Catalog();
      const files = new Map<string, ReturnType<LazyFiles["read"]>>();
      let names: string[] | undefined;
      catalog.lazy = {
        read(name) {
          let file = files.get(name);
          if (!file) files.set(name, (file = readBuiltinFile(name)));
          return file;
        },
        names: () => (names ??= builtinCatalogFiles()),
        loaded: new Set(),
      };
      catalog.readOnly = true;
      Catalog.builtinCatalog = catalog;
    }
    return Catalog.builtinCatalog;
  }

  /**
   * A mutable copy (of a catalog still being read lazily: one that reads the same files when it needs them). The
   * maps are copied as they are (entries and contracts are shared, never changed in place): no sort, no re-adding
   * (an import clones the built-in catalog once per file).
   */
  clone(): Catalog {
    const copy = new Catalog();
    for (const [address, variants] of this.byAddress) copy.byAddress.set(address, new Map(variants));
    for (const [address, variants] of this.derivedEntries) copy.derivedEntries.set(address, new Map(variants));
    for (const [address, c] of this.contracts) copy.contracts.set(address, c);
    if (this.lazy !== undefined) copy.lazy = { read: this.lazy.read, names: this.lazy.names, loaded: new Set(this.lazy.loaded) };
    return copy;
  }

  /** Reads the built-in file an address lives in, if not read yet. */
  private ensureFor(address: string): void {
    if (this.lazy !== undefined) this.ensureFile(builtinFileName(address));
  }

  /** Reads every built-in file not read yet: for whatever lists the catalog. */
  private ensureAll(): void {
    if (this.lazy === undefined) return;
    for (const name of this.lazy.names()) this.ensureFile(name);
    this.lazy = undefined;
  }

  private ensureFile(name: string): void {
    const lazy = this.lazy!;
    if (lazy.loaded.has(name)) return;
    lazy.loaded.add(name);
    const { entries, contracts } = lazy.read(name);
    for (const e of entries) this.insert(e);
    for (const c of contracts) {
      this.contracts.set(c.address, c);
      this.derivedContracts.delete(c.address);
    }
  }

  private insert(entry: CatalogEntry): void {
    let variants = this.byAddress.get(entry.address);
    if (!variants) {
      variants = new Map();
      this.byAddress.set(entry.address, variants);
    }
    variants.set(entry.variant, entry);
    this.derivedContracts.delete(entry.address);
  }

  /** Adds (or replaces) the contract of an address. */
  addContract(contract: CardContract): void {
    if (this.readOnly) throw new Error("the built-in catalog is read-only: use loadCatalog() or catalog.clone()");
    this.ensureFor(contract.address);
    this.contracts.set(contract.address, contract);
    this.derivedContracts.delete(contract.address);
    this.changes++;
  }

  /**
   * The contract of an address: the learned one, else one read from its templates (a project catalog's cards:
   * types, choices and required flags, no defaults). Undefined for an address the catalog does not know.
   */
  contract(address: string): CardContract | undefined {
    this.ensureFor(address);
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
    this.ensureAll();
    return [...this.contracts.values()].sort((a, b) => compareStrings(a.address, b.address));
  }

  /** Adds an entry, replacing any entry with the same address and variant. */
  add(entry: CatalogEntry): void {
    if (this.readOnly) throw new Error("the built-in catalog is read-only: use loadCatalog() or catalog.clone()");
    // the built-in entries of the address first, so that this one replaces its variant (and is never replaced)
    this.ensureFor(entry.address);
    this.insert(entry);
    this.changes++;
  }

  /** Increases with every `add` (not with reading a built-in file): lets derived caches (card shapes) notice changes. */
  get revision(): number {
    return this.changes;
  }

  /**
   * Keeps a template derived from the catalog's own (see `derivedEntries`) unless the catalog has its variant: the
   * entry `get` gives for that variant from now on.
   */
  addDerived(entry: CatalogEntry): CatalogEntry {
    const known = this.get(entry.address, entry.variant);
    if (known) return known;
    let variants = this.derivedEntries.get(entry.address);
    if (!variants) this.derivedEntries.set(entry.address, (variants = new Map()));
    variants.set(entry.variant, entry);
    return entry;
  }

  has(address: string, variant: string): boolean {
    return this.get(address, variant) !== undefined;
  }

  /** The entry of a variant, or without a variant the address's default (most instances, then smallest id). */
  get(address: string, variant?: string): CatalogEntry | undefined {
    this.ensureFor(address);
    if (variant !== undefined) return this.byAddress.get(address)?.get(variant) ?? this.derivedEntries.get(address)?.get(variant);
    return this.variants(address)[0];
  }

  /**
   * The entries of an address, default first: templates without an export's residue first (a new card is the
   * card's clean shape), then most instances, ties by variant id.
   */
  variants(address: string): CatalogEntry[] {
    this.ensureFor(address);
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
    this.ensureAll();
    return [...this.byAddress.keys()].sort(compareStrings);
  }

  /** Every entry, sorted by address then variant. */
  entries(): CatalogEntry[] {
    this.ensureAll();
    const out: CatalogEntry[] = [];
    for (const variants of this.byAddress.values()) out.push(...variants.values());
    return out.sort(compareEntries);
  }

  get size(): number {
    this.ensureAll();
    let n = 0;
    for (const v of this.byAddress.values()) n += v.size;
    return n;
  }
}

/** Default first: no residue, then only entry indexes not 0..n-1, then most instances, then the variant id. */
export function compareVariants(a: CatalogEntry, b: CatalogEntry): number {
  return residueRank(a) - residueRank(b) || b.count - a.count || compareStrings(a.variant, b.variant);
}

/**
 * How far a variant is from the card's clean shape (clean.ts): 0 none, 1 only its entry indexes (a new card would
 * get FP206, nothing more), 2 anything else one export's author left in it.
 */
export function residueRank(entry: CatalogEntry): number {
  if (!entry.residue || entry.residue.length === 0) return 0;
  return entry.residue.every((r) => r === "index") ? 1 : 2;
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

