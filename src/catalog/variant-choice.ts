/**
 * Which catalog variant a card is lowered onto, one rule for the compiler (which lowers a spec onto it) and for
 * import (which leaves the variant out of the code whenever the compiler would pick the same one):
 *
 *   1. the variant named, else every variant of the address;
 *   2. filtered by display name (start cards are told apart by name) and by the displayed flag (branch heads);
 *   3. filtered by the option values the card asks for (only options some variant records; a value among the
 *      option's choices that no variant records filters nothing: the card keeps its default shape);
 *   4. among several left, the first whose inputs take the most wired outputs without a conversion.
 */
import { conversion, type ValueType } from "../shapes/conversion.js";
import { findEntry, modelOf, sideEntries, typeOf } from "../shapes/entries.js";
import type { Json } from "../util/json.js";
import { jsonEqual } from "../util/json.js";
import { optionValues, type CatalogEntry } from "./entry.js";
import type { Catalog } from "./store.js";

export interface VariantQuery {
  variant?: string;
  options?: Readonly<Record<string, Json>>;
  name?: string;
  displayed?: boolean;
}

/** The candidates of steps 1–3, or the step that left none (so the caller can say what is missing). */
export type VariantCandidates =
  | { ok: true; candidates: CatalogEntry[] }
  | { ok: false; missing: "variant" | "card" | "name" }
  | { ok: false; missing: "options"; asked: Array<[string, Json]>; known: CatalogEntry[] };

export function variantCandidates(catalog: Catalog, address: string, query: VariantQuery): VariantCandidates {
  if (query.variant !== undefined) {
    const entry = catalog.get(address, query.variant);
    return entry ? { ok: true, candidates: [entry] } : { ok: false, missing: "variant" };
  }
  let candidates = catalog.variants(address);
  if (candidates.length === 0) return { ok: false, missing: "card" };
  if (query.name !== undefined) candidates = candidates.filter((c) => c.name === query.name);
  if (query.displayed !== undefined) candidates = candidates.filter((c) => modelOf(c.template).displayed === query.displayed);
  if (candidates.length === 0) return { ok: false, missing: "name" };
  const recorded = (k: string, v: Json) => candidates.some((c) => optionValues(c, k).some((x) => jsonEqual(x, v)));
  // One of the option's choices that no export showed does not pick a template: the card keeps its default shape.
  const choices = (k: string) => catalog.contract(address)?.inputs.find((i) => i.option && i.key === k)?.choices ?? [];
  const asked = Object.entries(query.options ?? {}).filter(
    ([k, v]) => candidates.some((c) => Object.hasOwn(c.options, k)) && (recorded(k, v) || !choices(k).some((c) => jsonEqual(c.value, v))),
  );
  if (asked.length === 0) return { ok: true, candidates };
  const matching = candidates.filter((c) => asked.every(([k, v]) => optionValues(c, k).some((x) => jsonEqual(x, v))));
  return matching.length > 0 ? { ok: true, candidates: matching } : { ok: false, missing: "options", asked, known: candidates };
}

/** An input wired from another card's output: the input's key and the output's type. */
export interface WiredType {
  key: string;
  sourceType: ValueType;
}

/** Step 4: the first candidate whose inputs take the most wired outputs as they are (ties keep catalog order). */
export function bestFit(candidates: readonly CatalogEntry[], wired: readonly WiredType[]): CatalogEntry {
  let best = candidates[0]!;
  if (wired.length === 0) return best;
  let bestScore = -1;
  for (const c of candidates) {
    const inputs = sideEntries(modelOf(c.template), "inputs");
    let score = 0;
    for (const w of wired) {
      const i = findEntry(inputs, w.key);
      if (i >= 0 && conversion(w.sourceType, typeOf(inputs[i]!)) === null) score++;
    }
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}
