import type { Rule } from "./types.js";
import { entryAt, own, ptr, type Obj } from "./model.js";

export const mirroredEntries: Rule = {
  code: "FP139",
  slug: "mirrored-entries",
  severity: "error",
  description: "On a mirrored card (callable, return, Assign, API endpoint…) the outputs repeat the inputs' (group, key) pairs.",
  visitCard(card, report) {
    if (own(card.model, "mirrored") !== true) return;
    // Compared as multisets: the stored order of entries varies (metadata.index orders them in the UI).
    const input = unmatched(card.inputData, card.outputData);
    const missing = input ?? unmatched(card.outputData, card.inputData);
    if (missing === undefined) return;
    const side = input !== undefined ? "input" : "output";
    const other = input !== undefined ? "output" : "input";
    report(
      ptr(card.pointer, "node", "model", "outputs", "data"),
      `mirrored card: ${side} (group ${JSON.stringify(own(missing, "group") ?? null)}, key ${JSON.stringify(own(missing, "key") ?? null)}) has no matching ${other}; outputs must repeat the inputs' group and key`,
    );
  },
};

/** The first entry of `a` whose (group, key) occurs fewer times in `b` than in `a`. Small maps: no allocation. */
function unmatched(a: Obj | undefined, b: Obj | undefined): Obj | undefined {
  if (countEntries(b) > 31) return unmatchedLarge(a, b);
  let taken = 0; // bit j set: the j-th entry of b already paired
  for (const ka in a) {
    const x = entryAt(a, ka);
    if (!x) continue;
    let match = -1;
    let j = 0;
    for (const kb in b) {
      const y = entryAt(b, kb);
      if (!y) continue;
      if ((taken & (1 << j)) === 0 && same(x, y)) {
        match = j;
        break;
      }
      j++;
    }
    if (match === -1) return x;
    taken |= 1 << match;
  }
  return undefined;
}

function unmatchedLarge(a: Obj | undefined, b: Obj | undefined): Obj | undefined {
  const counts = new Map<string, number>();
  for (const kb in b) {
    const y = entryAt(b, kb);
    if (y) counts.set(sig(y), (counts.get(sig(y)) ?? 0) + 1);
  }
  for (const ka in a) {
    const x = entryAt(a, ka);
    if (!x) continue;
    const n = counts.get(sig(x)) ?? 0;
    if (n === 0) return x;
    counts.set(sig(x), n - 1);
  }
  return undefined;
}

function countEntries(entries: Obj | undefined): number {
  let n = 0;
  for (const k in entries) if (entryAt(entries, k)) n++;
  return n;
}

function same(x: Obj, y: Obj): boolean {
  return (own(x, "group") ?? null) === (own(y, "group") ?? null) && own(x, "key") === own(y, "key");
}

function sig(e: Obj): string {
  return `${JSON.stringify(own(e, "group") ?? null)}/${JSON.stringify(own(e, "key") ?? null)}`;
}
