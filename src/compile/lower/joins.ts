/**
 * What a Join card hands on: the values an If/Else's branches return (`f.ifElse`, one input and output per key,
 * wired from each branch), and the hand-ons a spec lists itself (`joins`, as import writes them).
 */
import type { IrCard, JsonObject } from "../../ir/types.js";
import type { RecordedNode } from "../../dsl/recording.js";
import { DslError } from "../../dsl/errors.js";
import { isRef } from "../../dsl/handle.js";
import type { CardSpec } from "../../dsl/types.js";
import { joinValueEntries } from "../../shapes/custom-entry.js";
import { entryRefs, findEntry } from "../../shapes/entries.js";
import type { SideEntry } from "./card-entries.js";
import type { FlowState, LoweredCard } from "./state.js";

/** The values of an If/Else's Join: an extra input and output per key, the input wired from each branch that sets it. */
export function lowerJoinValues(state: FlowState, node: RecordedNode, lowered: LoweredCard): void {
  if (node.role.kind !== "join") return;
  const card = lowered.card;
  const site = node.spec.site;
  const inputs: JsonObject[] = [];
  const outputs: JsonObject[] = [];
  node.role.values.forEach((v, i) => {
    const source = isRef(v.fromThen) ? v.fromThen : isRef(v.fromElse) ? v.fromElse : undefined;
    if (!source) throw new DslError(`If/Else value ${JSON.stringify(v.key)} must be a card output in at least one branch`, site);
    const [input, output] = joinValueEntries(v.key, i);
    inputs.push(input);
    outputs.push(output);
    card.extraInputs.push({ entry: input, value: { kind: "json", data: "" } });
    card.extraOutputs.push({ entry: output, value: { kind: "json", data: "" } });
    const inRef = entryRefs(inputs)[i]!;
    const outRef = entryRefs(outputs)[i]!;
    card.joins.push({ input: inRef, links: [{ output: outRef, transform: null }] });
    lowered.outputs.push({ ref: outRef, type: { type: "string", collection: false } });
    for (const branchValue of [v.fromThen, v.fromElse]) {
      if (branchValue === undefined) continue;
      if (!isRef(branchValue))
        throw new DslError(`If/Else value ${JSON.stringify(v.key)}: a branch must hand on a card output, not a constant`, site);
      state.pending.push({
        source: branchValue,
        target: card,
        input: inRef,
        inputType: { type: "string", collection: false },
        site,
        what: `If/Else value ${JSON.stringify(v.key)}`,
      });
    }
  });
}

/** A spec's `joins`: which outputs each input hands on, by key or "group/key", with an optional conversion. */
export function lowerExplicitJoins(card: IrCard, spec: CardSpec<unknown>, inputs: SideEntry[], outputs: SideEntry[], label: string): void {
  const site = spec.site;
  for (const j of spec.joins ?? []) {
    const ii = findEntry(
      inputs.map((x) => x.entry),
      j.input,
    );
    if (ii < 0) throw new DslError(`${label}: join input ${JSON.stringify(j.input)} does not exist`, site);
    card.joins.push({
      input: inputs[ii]!.ref,
      links: j.outputs.map((o) => {
        const key = typeof o === "string" ? o : o.output;
        const oi = findEntry(
          outputs.map((x) => x.entry),
          key,
        );
        if (oi < 0) throw new DslError(`${label}: join output ${JSON.stringify(key)} does not exist`, site);
        const t =
          typeof o === "string" || o.convert === null
            ? null
            : o.convert === undefined
              ? { forceWrapArray: o.forceWrapArray ?? false }
              : { convert: o.convert, forceWrapArray: o.forceWrapArray ?? false };
        return { output: outputs[oi]!.ref, transform: t };
      }),
    });
  }
}
