import type { Rule } from "./types.js";
import { own, ptr, type EntryView } from "./model.js";

export const mirroredEntries: Rule = {
  code: "FP139",
  slug: "mirrored-entries",
  severity: "error",
  description: "On a mirrored card (callable, return, Assign, API endpoint…) the outputs repeat the inputs' (group, key) pairs.",
  visitCard(card, report) {
    if (own(card.model, "mirrored") !== true) return;
    // Compared as multisets: the stored order of entries varies (metadata.index orders them in the UI).
    const missing = unmatched(card.inputs, card.outputs) ?? unmatched(card.outputs, card.inputs);
    if (missing === undefined) return;
    const side = missing.side === "inputs" ? "input" : "output";
    const other = missing.side === "inputs" ? "output" : "input";
    report(
      ptr(card.pointer, "node", "model", "outputs", "data"),
      `mirrored card: ${side} (group ${JSON.stringify(own(missing.raw, "group") ?? null)}, key ${JSON.stringify(own(missing.raw, "key") ?? null)}) has no matching ${other}; outputs must repeat the inputs' group and key`,
    );
  },
};

/** The first entry of `a` whose (group, key) occurs fewer times in `b` than in `a`. Small lists: no allocation. */
function unmatched(a: readonly EntryView[], b: readonly EntryView[]): EntryView | undefined {
  if (b.length > 31) return unmatchedLarge(a, b);
  let taken = 0; // bit j set: b[j] already paired
  for (const x of a) {
    let j = 0;
    while (j < b.length && ((taken & (1 << j)) !== 0 || !same(x, b[j]!))) j++;
    if (j === b.length) return x;
    taken |= 1 << j;
  }
  return undefined;
}

function unmatchedLarge(a: readonly EntryView[], b: readonly EntryView[]): EntryView | undefined {
  const counts = new Map<string, number>();
  for (const y of b) counts.set(sig(y), (counts.get(sig(y)) ?? 0) + 1);
  for (const x of a) {
    const n = counts.get(sig(x)) ?? 0;
    if (n === 0) return x;
    counts.set(sig(x), n - 1);
  }
  return undefined;
}

function same(x: EntryView, y: EntryView): boolean {
  return (own(x.raw, "group") ?? null) === (own(y.raw, "group") ?? null) && own(x.raw, "key") === own(y.raw, "key");
}

function sig(e: EntryView): string {
  return `${JSON.stringify(own(e.raw, "group") ?? null)}/${JSON.stringify(own(e.raw, "key") ?? null)}`;
}
