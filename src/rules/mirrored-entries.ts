import type { Rule } from "./types.js";
import { own, ptr, type EntryView } from "./model.js";
import { issue } from "./_helpers.js";

export const mirroredEntries: Rule = {
  code: "FP139",
  slug: "mirrored-entries",
  severity: "error",
  description: "On a mirrored card (callable, return, Assign, API endpoint…) the outputs repeat the inputs' (group, key) pairs.",
  *check({ index }) {
    for (const card of index.cards) {
      if (own(card.model, "mirrored") !== true) continue;
      // Compared as sorted lists: the stored order of entries varies (metadata.index orders them in the UI).
      const ins = card.inputs.map(sig).sort();
      const outs = card.outputs.map(sig).sort();
      if (ins.join("\n") === outs.join("\n")) continue;
      const i = firstDifference(ins, outs);
      yield issue(
        ptr(card.pointer, "node", "model", "outputs", "data"),
        `mirrored card: the outputs do not repeat the inputs (first difference: output ${outs[i] ?? "missing"}, input ${ins[i] ?? "missing"}; group/key)`,
      );
    }
  },
};

function sig(e: EntryView): string {
  return `${JSON.stringify(own(e.raw, "group") ?? null)}/${JSON.stringify(own(e.raw, "key") ?? null)}`;
}

function firstDifference(a: string[], b: string[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
