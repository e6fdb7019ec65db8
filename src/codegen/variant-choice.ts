/**
 * The variant lower picks for a spec that does not say one (the one rule in catalog/variant-choice.ts): a spec
 * names its variant only when lower would pick another.
 */
import type { Catalog } from "../catalog/store.js";
import { bestFit, variantCandidates } from "../catalog/variant-choice.js";
import type { Json } from "../ir/types.js";
import type { ValueType } from "../shapes/conversion.js";
import { CALLABLE_ADDRESS, NOOP_ADDRESS } from "../shapes/known-cards.js";

/** An input a spec wires from another card's output: its spec key, the output's type and its `$out` key. */
export interface WiredInput {
  key: string;
  sourceType: ValueType | undefined;
  outputKey: string;
}

/** The name / displayed filters lower applies to a card that is not an event's start card. */
function query(address: string, name: string | undefined): { name?: string; displayed?: boolean } {
  if (address === CALLABLE_ADDRESS && name !== undefined) return { name };
  if (address === NOOP_ADDRESS) return { displayed: true };
  return {};
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
  const found = variantCandidates(catalog, address, { ...query(address, name), options });
  if (!found.ok) return undefined;
  const { candidates } = found;
  if (candidates.length <= 1 || wired.length === 0) return candidates[0]?.variant;
  if (wired.some((w) => w.sourceType === undefined || w.outputKey.includes("/"))) return undefined;
  return bestFit(
    candidates,
    wired.map((w) => ({ key: w.key, sourceType: w.sourceType! })),
  ).variant;
}

/** A trigger's root spec has no inputs: lower takes the first variant left by its name / displayed filters. */
export function rootVariant(catalog: Catalog, address: string, name: string | undefined): string | undefined {
  const found = variantCandidates(catalog, address, query(address, name));
  return found.ok ? found.candidates[0]?.variant : undefined;
}
