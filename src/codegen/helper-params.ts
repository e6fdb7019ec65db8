/**
 * The helper-flow parameters some calling card of the pack leaves unmapped (3 cards of the real exports do): import
 * writes them optional (`helperFlow({ params: { x: "string?" } })`), which the build requires of a parameter a
 * caller may leave out (compile/lower/helper-calls.ts).
 */
import type { IrCard, IrFlow, IrPack, IrScope } from "../ir/types.js";
import { CALLABLE_ADDRESS, HELPER_CALL_ADDRESSES } from "../shapes/known-cards.js";

/** By flow ref: the parameters of that flow some card of the pack calls it without. */
export function unmappedHelperParams(pack: IrPack): Map<string, Set<string>> {
  const params = new Map(pack.flows.map((f) => [f.ref, parameterKeys(f)]));
  const unmapped = new Map<string, Set<string>>();
  const visit = (scope: IrScope): void => {
    for (const card of scope.cards) {
      for (const v of card.inputValues) if (v.value.kind === "inline") visit(v.value.scope);
      for (const v of card.outputValues) if (v.value.kind === "inline") visit(v.value.scope);
      if (card.policy.flo?.kind === "inline") visit(card.policy.flo.scope);
      const helper = HELPER_CALL_ADDRESSES.has(card.address) ? calledFlow(card) : undefined;
      const declared = helper ? params.get(helper) : undefined;
      if (!helper || !declared) continue;
      const passed = new Set(card.extraInputs.filter((x) => x.entry.group === null).map((x) => String(x.entry.key)));
      for (const key of declared) if (!passed.has(key)) (unmapped.get(helper) ?? unmapped.set(helper, new Set()).get(helper)!).add(key);
    }
  };
  for (const f of pack.flows) visit(f.body);
  return unmapped;
}

function calledFlow(card: IrCard): string | undefined {
  const flo = card.inputValues.find((v) => v.entry.key === "flo" && v.entry.group === null);
  return flo?.value.kind === "flow" ? flo.value.flow : undefined;
}

function parameterKeys(flow: IrFlow): string[] {
  const root = flow.body.cards.find((c) => c.address === CALLABLE_ADDRESS);
  return root ? root.extraInputs.filter((x) => x.entry.group === null).map((x) => String(x.entry.key)) : [];
}
