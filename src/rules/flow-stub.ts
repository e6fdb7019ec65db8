import type { Rule } from "./types.js";
import { entryAt, isObj, objAt, own, ptr, type CardView } from "./model.js";

/**
 * A flow stub (`data: null`) is a flow the export calls but does not hold: Okta writes one for each flow that a
 * single-flow or folder export calls from outside what it exports. The file is valid; the calls resolve only in
 * an org that already has that flow, so the warning says what to import first.
 */
export const flowStub: Rule = {
  code: "FP214",
  slug: "flow-stub",
  severity: "warning",
  description:
    "A flow with `data: null` is a stub: a flow the pack calls but does not hold (Okta writes one for every flow a .flow or .folder export calls from outside it). Import that flow into the org before this file, or the calls to it will not resolve.",
  check({ index }, report) {
    const stubs = new Map<string, string>();
    for (const flow of index.flows) if (own(flow.raw, "data") === null) stubs.set(flow.key, String(own(flow.raw, "name") ?? flow.key));
    if (stubs.size === 0) return;
    const callers = new Map<string, Set<string>>();
    for (const card of index.cards) {
      for (const target of calledFlows(card)) {
        if (!stubs.has(target)) continue;
        const set = callers.get(target) ?? callers.set(target, new Set()).get(target)!;
        set.add(String(own(card.scope.top.raw, "name") ?? card.scope.top.key));
      }
    }
    for (const flow of index.flows) {
      const name = stubs.get(flow.key);
      if (name === undefined) continue;
      const by = [...(callers.get(flow.key) ?? [])].sort();
      const calledBy = by.length > 0 ? `called by ${by.map((n) => JSON.stringify(n)).join(", ")}` : "called by no flow of this file";
      report(
        ptr(flow.pointer, "data"),
        `flow ${JSON.stringify(name)} is not in this export, only its stub (${calledBy}): import ${JSON.stringify(name)} into the org first`,
      );
    }
  },
};

/** Flow ids a card calls: `flo`-typed entries holding an id, and an error policy's helper flow. */
function calledFlows(card: CardView): string[] {
  const out: string[] = [];
  for (const entries of [card.inputData, card.outputData]) {
    for (const key in entries) {
      const value = objAt(entryAt(entries, key), "value");
      if (isObj(value) && own(value, "type") === "flo" && typeof own(value, "data") === "string") out.push(own(value, "data") as string);
    }
  }
  const errFlo = own(objAt(objAt(card.model, "policy"), "error"), "flo");
  if (typeof errFlo === "string") out.push(errFlo);
  return out;
}
