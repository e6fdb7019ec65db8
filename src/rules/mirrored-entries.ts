import type { Rule } from "./types.js";
import { cardKind, entryAt, own, ptr, type CardView, type Obj } from "./model.js";

export const mirroredEntries: Rule = {
  code: "FP139",
  slug: "mirrored-entries",
  severity: "error",
  description:
    "On a mirrored card (callable, return, Assign, API endpoint…) the outputs repeat the inputs' (group, key) pairs. One exception, seen in real exports: a Return Error card (control:throw) in an If Error's error flow may have no outputs at all.",
  visitCard(card, report) {
    if (own(card.model, "mirrored") !== true) return;
    const inputs = entryList(card.inputData);
    const outputs = entryList(card.outputData);
    if (samePairsInOrder(inputs, outputs)) return; // the usual case
    if (outputs.length === 0 && isReturnErrorInErrorFlow(card)) return;
    // Compared as multisets: the stored order of entries varies (metadata.index orders them in the UI).
    const input = unmatched(inputs, outputs);
    const missing = input ?? unmatched(outputs, inputs);
    if (missing === undefined) return;
    const side = input !== undefined ? "input" : "output";
    const other = input !== undefined ? "output" : "input";
    report(
      ptr(card.pointer, "node", "model", "outputs", "data"),
      `mirrored card: ${side} (group ${JSON.stringify(own(missing, "group") ?? null)}, key ${JSON.stringify(own(missing, "key") ?? null)}) has no matching ${other}; outputs must repeat the inputs' group and key`,
    );
  },
};

/** Okta stores a Return Error card without outputs inside an If Error's error flow (4 cards of 2 community exports). */
function isReturnErrorInErrorFlow(card: CardView): boolean {
  return cardKind(card) === "control:throw" && card.scope.inline && card.scope.pointer.endsWith("/policy/error/flo");
}

/** The entries that are objects, in stored order (mirrored cards are a few per flow: one array each is fine). */
function entryList(entries: Obj | undefined): Obj[] {
  const out: Obj[] = [];
  for (const key in entries) {
    const e = entryAt(entries, key);
    if (e) out.push(e);
  }
  return out;
}

function samePairsInOrder(a: readonly Obj[], b: readonly Obj[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i]!, b[i]!)) return false;
  return true;
}

/** The first entry of `a` whose (group, key) occurs fewer times in `b` than in `a`. */
function unmatched(a: readonly Obj[], b: readonly Obj[]): Obj | undefined {
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

function unmatchedLarge(a: readonly Obj[], b: readonly Obj[]): Obj | undefined {
  const counts = new Map<string, number>();
  for (const y of b) counts.set(sig(y), (counts.get(sig(y)) ?? 0) + 1);
  for (const x of a) {
    const n = counts.get(sig(x)) ?? 0;
    if (n === 0) return x;
    counts.set(sig(x), n - 1);
  }
  return undefined;
}

function same(x: Obj, y: Obj): boolean {
  return (own(x, "group") ?? null) === (own(y, "group") ?? null) && own(x, "key") === own(y, "key");
}

function sig(e: Obj): string {
  return `${JSON.stringify(own(e, "group") ?? null)}/${JSON.stringify(own(e, "key") ?? null)}`;
}
