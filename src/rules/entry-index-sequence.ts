import type { Report, Rule } from "./types.js";
import { entryAt, isObj, ptr, type CardView, type Obj, type Side } from "./model.js";

export const entryIndexSequence: Rule = {
  code: "FP206",
  slug: "entry-index-sequence",
  severity: "warning",
  description:
    "The `metadata.index` values of a card's inputs (and of its outputs) are exactly 0..n-1. Real exports have gaps and duplicates; the index only orders fields in the UI.",
  visitCard(card, report) {
    checkSide(card, "inputs", card.inputData, report);
    checkSide(card, "outputs", card.outputData, report);
  },
};

// The indexes of one side, in a buffer reused between calls (cards have a handful of entries).
let indexes = new Float64Array(64);

function checkSide(card: CardView, side: Side, entries: Obj | undefined, report: Report): void {
  const n = collectIndexes(entries);
  if (n === 0 || isPermutation(n)) return;
  const sorted = Array.from(indexes.subarray(0, n)).sort((a, b) => a - b);
  report(ptr(card.pointer, "node", "model", side, "data"), `${side} metadata.index values are ${sorted.join(",")}, not 0..${n - 1}`);
}

/** Fills `indexes` with the entries' `metadata.index`; 0 when there are no entries or one has no numeric index. */
function collectIndexes(entries: Obj | undefined): number {
  let n = 0;
  for (const key in entries) {
    const e = entryAt(entries, key);
    if (!e) continue;
    const m = e.metadata;
    const i = isObj(m) && Object.hasOwn(m, "index") ? m.index : undefined;
    if (typeof i !== "number") return 0;
    if (n === indexes.length) indexes = grow(indexes);
    indexes[n++] = i;
  }
  return n;
}

function grow(buffer: Float64Array) {
  const bigger = new Float64Array(buffer.length * 2);
  bigger.set(buffer);
  return bigger;
}

// Which of 0..n-1 were seen, reused likewise.
let seen = new Uint8Array(64);

function isPermutation(n: number): boolean {
  if (seen.length < n) seen = new Uint8Array(indexes.length);
  seen.fill(0, 0, n);
  for (let k = 0; k < n; k++) {
    const v = indexes[k]!;
    if (!Number.isInteger(v) || v < 0 || v >= n || seen[v] === 1) return false;
    seen[v] = 1;
  }
  return true;
}
