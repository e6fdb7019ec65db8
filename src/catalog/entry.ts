/**
 * A catalog entry: one card template per (address, variant), learned from real exports (FLOPACK.md §4.5).
 */
import type { Json, JsonObject } from "../util/json.js";
import { canonicalJson, cloneJson, defineKey, isObject, jsonEqual } from "../util/json.js";
import { compareStrings } from "../util/compare.js";

export interface CatalogEntry {
  address: string;
  /** `variantOf(template)`. */
  variant: string;
  /** The most common display name of the instances. */
  name: string;
  /**
   * Observed values of the card's choice options (`flags: "p"` inputs with `metadata.choices`), by entry key:
   * the value when every instance agrees, else the sorted list of distinct values. Free-valued options
   * (a table, a channel id) are instance data and are not recorded. Read it with `optionValues()`.
   */
  options: JsonObject;
  /** How many instances were learned. */
  count: number;
  /** `"file.flopack#Flow name"` of some instances: deduplicated, sorted, at most `MAX_SOURCES`. */
  sources: string[];
  /** `templateOf(card)`. */
  template: JsonObject;
  /**
   * What of one export's customisation the template carries (`ghost`: a removed wire's leftover, `schema`: a type
   * other than the contract's, `comments`: an author's note, `choices`: another table's columns). Variants without
   * residue come first: a new card is the card's clean shape. Absent: none.
   */
  residue?: string[];
  /** A clean shape derived from this variant (no real card has exactly it): the card's shape without the residue. */
  derived?: string;
}

export const MAX_SOURCES = 3;

/** Orders entries by address, then variant (code units). */
export function compareEntries(a: CatalogEntry, b: CatalogEntry): number {
  return compareStrings(a.address, b.address) || compareStrings(a.variant, b.variant);
}

/** The observed values of one option of an entry (empty when the entry records none). */
export function optionValues(entry: CatalogEntry, key: string): Json[] {
  if (!Object.hasOwn(entry.options, key)) return [];
  const value = entry.options[key]!;
  return Array.isArray(value) ? value : [value];
}

/** Builds the `options` value from observed values per key (sorted, deduplicated). */
export function optionsFromValues(values: ReadonlyMap<string, readonly Json[]>): JsonObject {
  const out: JsonObject = {};
  for (const key of [...values.keys()].sort(compareStrings)) {
    const distinct = dedupeValues(values.get(key)!);
    if (distinct.length === 0) continue;
    defineKey(out, key, distinct.length === 1 ? distinct[0]! : distinct);
  }
  return out;
}

function dedupeValues(values: readonly Json[]): Json[] {
  const byText = new Map<string, Json>();
  for (const v of values) byText.set(canonicalJson(v), v);
  return [...byText.keys()].sort(compareStrings).map((k) => byText.get(k)!);
}

export function mergeSources(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort(compareStrings).slice(0, MAX_SOURCES);
}

/**
 * Merges two entries of the same address and variant: counts and sources add up, option values are united,
 * and the name and template come from the entry with more instances (ties: the smaller name, then the
 * smaller template), so merging is order-independent.
 */
export function mergeEntries(a: CatalogEntry, b: CatalogEntry): CatalogEntry {
  if (a.address !== b.address || a.variant !== b.variant) {
    throw new Error(`cannot merge catalog entries of different cards: ${a.address}#${a.variant} and ${b.address}#${b.variant}`);
  }
  const first = pickRepresentative(a, b);
  const values = new Map<string, Json[]>();
  for (const e of [a, b]) {
    for (const key of Object.keys(e.options)) values.set(key, [...(values.get(key) ?? []), ...optionValues(e, key)]);
  }
  return {
    address: a.address,
    variant: a.variant,
    name: first.name,
    options: optionsFromValues(values),
    count: a.count + b.count,
    sources: mergeSources(a.sources, b.sources),
    template: cloneJson(first.template),
    ...(first.residue ? { residue: [...first.residue] } : {}),
    ...(first.derived !== undefined ? { derived: first.derived } : {}),
  };
}

function pickRepresentative(a: CatalogEntry, b: CatalogEntry): CatalogEntry {
  if (a.count !== b.count) return a.count > b.count ? a : b;
  if (a.name !== b.name) return a.name < b.name ? a : b;
  if (jsonEqual(a.template, b.template)) return a;
  return canonicalJson(a.template) <= canonicalJson(b.template) ? a : b;
}

/** Key order of an entry as written to catalog files. */
export function entryToJson(entry: CatalogEntry): JsonObject {
  const out: JsonObject = {
    address: entry.address,
    variant: entry.variant,
    name: entry.name,
    options: entry.options,
    count: entry.count,
    sources: entry.sources,
  };
  if (entry.residue) out.residue = entry.residue;
  if (entry.derived !== undefined) out.derived = entry.derived;
  out.template = entry.template;
  return out;
}

/**
 * Reads an entry from untrusted JSON. Returns the entry, or an error message and the JSON pointer suffix
 * (relative to the entry) of the offending member. `owned`: the value was just parsed and nothing else holds it,
 * so the entry keeps its options and template instead of copying them (reading a catalog file: most of its cost).
 */
export function entryFromJson(value: unknown, owned = false): { entry: CatalogEntry } | { error: string; pointer: string } {
  if (!isObject(value)) return { error: "a catalog entry must be an object", pointer: "" };
  for (const key of ["address", "variant", "name"] as const) {
    if (typeof value[key] !== "string" || value[key] === "") return { error: `${JSON.stringify(key)} must be a non-empty string`, pointer: `/${key}` };
  }
  if (!isObject(value.options)) return { error: `"options" must be an object`, pointer: "/options" };
  if (typeof value.count !== "number" || !Number.isInteger(value.count) || value.count < 0) {
    return { error: `"count" must be a non-negative integer`, pointer: "/count" };
  }
  if (!Array.isArray(value.sources) || !value.sources.every((s) => typeof s === "string")) {
    return { error: `"sources" must be an array of strings`, pointer: "/sources" };
  }
  if (!isObject(value.template)) return { error: `"template" must be an object`, pointer: "/template" };
  if (value.template.address !== value.address) return { error: `"template.address" must equal "address"`, pointer: "/template/address" };
  if (value.residue !== undefined && !(Array.isArray(value.residue) && value.residue.every((s) => typeof s === "string")))
    return { error: `"residue" must be an array of strings`, pointer: "/residue" };
  if (value.derived !== undefined && typeof value.derived !== "string") return { error: `"derived" must be a variant id`, pointer: "/derived" };
  const entry: CatalogEntry = {
    address: value.address as string,
    variant: value.variant as string,
    name: value.name as string,
    options: owned ? value.options : cloneJson(value.options),
    count: value.count,
    sources: [...(value.sources as string[])],
    template: owned ? value.template : cloneJson(value.template),
  };
  if (value.residue !== undefined) entry.residue = [...(value.residue as string[])];
  if (typeof value.derived === "string") entry.derived = value.derived;
  return { entry };
}
