import type { Report, Rule } from "./types.js";
import { entryAt, isObj, ptr, type CardView, type Obj, type Side } from "./model.js";

export const entryIndexSequence: Rule = {
  code: "FP206",
  slug: "entry-index-sequence",
  severity: "warning",
  description: "The `metadata.index` values of a card's inputs (and of its outputs) are exactly 0..n-1. Real exports have gaps and duplicates; the index only orders fields in the UI.",
  visitCard(card, report) {
    checkSide(card, "inputs", card.inputData, report);
    checkSide(card, "outputs", card.outputData, report);
  },
};

function checkSide(card: CardView, side: Side, entries: Obj | undefined, report: Report): void {
  const n = countIndexes(entries);
  if (n === undefined || isPermutation(entries!, n)) return;
  const sorted: number[] = [];
  for (const key in entries) {
    const i = indexOf(entryAt(entries, key));
    if (i !== undefined) sorted.push(i);
  }
  sorted.sort((a, b) => a - b);
  report(ptr(card.pointer, "node", "model", side, "data"), `${side} metadata.index values are ${sorted.join(",")}, not 0..${n - 1}`);
}

/** `metadata.index` of an entry, when it is a number. */
function indexOf(entry: Obj | undefined): number | undefined {
  const m = entry?.metadata;
  const i = isObj(m) && Object.hasOwn(m, "index") ? m.index : undefined;
  return typeof i === "number" ? i : undefined;
}

/** The number of entries, or undefined when there are none or one has no numeric index (nothing to check). */
function countIndexes(entries: Obj | undefined): number | undefined {
  let n = 0;
  for (const key in entries) {
    const e = entryAt(entries, key);
    if (!e) continue;
    if (indexOf(e) === undefined) return undefined;
    n++;
  }
  return n === 0 ? undefined : n;
}

// Reused between calls: which indexes were seen (cards have a handful of entries).
let hit = new Uint8Array(64);

function isPermutation(entries: Obj, n: number): boolean {
  if (hit.length < n) hit = new Uint8Array(n);
  hit.fill(0, 0, n);
  for (const key in entries) {
    const v = indexOf(entryAt(entries, key));
    if (v === undefined) continue;
    if (!Number.isInteger(v) || v < 0 || v >= n || hit[v] === 1) return false;
    hit[v] = 1;
  }
  return true;
}
