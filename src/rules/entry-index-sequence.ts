import type { Rule } from "./types.js";
import { isObj, ptr, type EntryView } from "./model.js";

export const entryIndexSequence: Rule = {
  code: "FP206",
  slug: "entry-index-sequence",
  severity: "warning",
  description: "The `metadata.index` values of a card's inputs (and of its outputs) are exactly 0..n-1. Real exports have gaps and duplicates; the index only orders fields in the UI.",
  visitCard(card, report) {
    for (const [side, entries] of [["inputs", card.inputs], ["outputs", card.outputs]] as const) {
      const values = indexValues(entries);
      if (values === undefined || isPermutation(values)) continue;
      const sorted = values.slice().sort((a, b) => a - b);
      report(ptr(card.pointer, "node", "model", side, "data"), `${side} metadata.index values are ${sorted.join(",")}, not 0..${entries.length - 1}`);
    }
  },
};

/** The indexes of all entries, or undefined when there are none or one is not a number. */
function indexValues(entries: readonly EntryView[]): number[] | undefined {
  if (entries.length === 0) return undefined;
  const out: number[] = [];
  for (const e of entries) {
    const m = e.raw.metadata;
    const i = isObj(m) && Object.hasOwn(m, "index") ? m.index : undefined;
    if (typeof i !== "number") return undefined;
    out.push(i);
  }
  return out;
}

function isPermutation(values: number[]): boolean {
  const hit = new Uint8Array(values.length);
  for (const v of values) {
    if (!Number.isInteger(v) || v < 0 || v >= values.length || hit[v] === 1) return false;
    hit[v] = 1;
  }
  return true;
}
