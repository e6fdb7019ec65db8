/**
 * The variant lower picks for a spec that does not say one (mirrors Lowerer.candidates + FlowLowering.bestFit):
 * a spec names its variant only when lower would pick another.
 */
import type { Catalog } from "../catalog/store.js";
import { optionValues } from "../catalog/entry.js";
import type { Json } from "../ir/types.js";
import { conversion, type ValueType } from "../shapes/conversion.js";
import { findEntry, modelOf, sideEntries, typeOf } from "../shapes/entries.js";
import { CALLABLE_ADDRESS, NOOP_ADDRESS } from "../shapes/known-cards.js";
import { jsonEqual } from "../util/json.js";

/** An input a spec wires from another card's output: its spec key, the output's type and its `$out` key. */
export interface WiredInput {
  key: string;
  sourceType: ValueType | undefined;
  outputKey: string;
}

/**
 * The variants left by the name / displayed / option filters; among several, the first that takes the most
 * wired inputs without a conversion. Undefined when the choice cannot be predicted (then the spec says it).
 */
export function chooseVariant(
  catalog: Catalog,
  address: string,
  name: string | undefined,
  options: Record<string, Json>,
  wired: readonly WiredInput[] = [],
): string | undefined {
  let candidates = catalog.variants(address);
  if (address === CALLABLE_ADDRESS && name !== undefined) candidates = candidates.filter((c) => c.name === name);
  if (address === NOOP_ADDRESS) candidates = candidates.filter((c) => modelOf(c.template).displayed === true);
  const asked = Object.entries(options).filter(([k]) => candidates.some((c) => Object.hasOwn(c.options, k)));
  if (asked.length > 0) candidates = candidates.filter((c) => asked.every(([k, v]) => optionValues(c, k).some((x) => jsonEqual(x, v))));
  if (candidates.length <= 1 || wired.length === 0) return candidates[0]?.variant;
  if (wired.some((w) => w.sourceType === undefined || w.outputKey.includes("/"))) return undefined;
  let best = candidates[0]!;
  let bestScore = -1;
  for (const c of candidates) {
    const inputs = sideEntries(modelOf(c.template), "inputs");
    let score = 0;
    for (const w of wired) {
      const i = findEntry(inputs, w.key);
      if (i >= 0 && conversion(w.sourceType!, typeOf(inputs[i]!)) === null) score++;
    }
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best.variant;
}

/** A trigger's root spec has no inputs: lower takes the first variant left by its name / displayed filters. */
export function rootVariant(catalog: Catalog, address: string, name: string | undefined): string | undefined {
  return catalog
    .variants(address)
    .filter(
      (c) =>
        (address !== CALLABLE_ADDRESS || name === undefined || c.name === name) &&
        (address !== NOOP_ADDRESS || modelOf(c.template).displayed === true),
    )[0]?.variant;
}
