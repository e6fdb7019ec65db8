import type { Rule } from "./types.js";
import { isObj, own, ptr } from "./model.js";
import { issue } from "./_helpers.js";

export const entryIndexSequence: Rule = {
  code: "FP206",
  slug: "entry-index-sequence",
  severity: "warning",
  description: "The `metadata.index` values of a card's inputs (and of its outputs) are exactly 0..n-1. Real exports have gaps and duplicates; the index only orders fields in the UI.",
  *check({ index }) {
    for (const card of index.cards) {
      for (const [side, entries] of [["inputs", card.inputs], ["outputs", card.outputs]] as const) {
        if (entries.length === 0) continue;
        const seen = entries.map((e) => own(isObj(e.raw.metadata) ? e.raw.metadata : undefined, "index"));
        if (seen.some((i) => typeof i !== "number")) continue;
        if (isPermutation(seen as number[])) continue;
        const sorted = (seen as number[]).slice().sort((a, b) => a - b);
        yield issue(ptr(card.pointer, "node", "model", side, "data"), `${side} metadata.index values are ${sorted.join(",")}, not 0..${entries.length - 1}`);
      }
    }
  },
};

function isPermutation(values: number[]): boolean {
  const hit = new Uint8Array(values.length);
  for (const v of values) {
    if (!Number.isInteger(v) || v < 0 || v >= values.length || hit[v] === 1) return false;
    hit[v] = 1;
  }
  return true;
}
