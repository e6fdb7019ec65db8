/** Lookups among the cards of a flow lowered so far: an output by name, the card a ref or link points to. */
import type { IrEntryRef, IrLink } from "../../ir/types.js";
import type { RecordedNode } from "../../dsl/recording.js";
import { factoryMetaOf } from "../../dsl/define-card.js";
import { DslError } from "../../dsl/errors.js";
import { describeValue } from "../../dsl/plain-value.js";
import type { CallSite, Card, Ref } from "../../dsl/types.js";
import type { ValueType } from "../../shapes/conversion.js";
import { normName } from "../../shapes/entries.js";
import { didYouMean, listValues } from "../../util/suggest.js";
import { Cascade } from "./diagnostics.js";
import type { FlowState, LoweredCard } from "./state.js";

export type FoundOutput = { ref: IrEntryRef; type: ValueType } | undefined | "ambiguous";

/**
 * The output `name` of a lowered card: its exact key, else "group/key", else the typed factory's property name,
 * else a key equal up to case and punctuation.
 */
export function findOutputOf(card: LoweredCard, name: string): FoundOutput {
  const exact = card.outputs.filter((o) => o.ref.key === name);
  if (exact.length === 1) return exact[0];
  const slash = name.indexOf("/");
  if (slash >= 0) {
    // "group/key": outputs that repeat a key in several groups (hidden object-expand cards do).
    const inGroup = card.outputs.filter((o) => (o.ref.group ?? "") === name.slice(0, slash) && o.ref.key === name.slice(slash + 1));
    if (inGroup.length === 1) return inGroup[0];
  }
  if (exact.length > 1) return "ambiguous";
  // A typed factory's property name (`card.systemPropertiesExternalId`) says exactly which output it means.
  const meta = factoryMetaOf(card.node.spec)?.outputs.find(([prop]) => prop === name);
  if (meta) {
    const byMeta = card.outputs.find((o) => o.ref.group === meta[1] && o.ref.key === meta[2] && !o.ref.nth);
    if (byMeta) return byMeta;
  }
  const norm = normName(name);
  const loose = card.outputs.filter((o) => normName(o.ref.key) === norm);
  if (loose.length > 1) return "ambiguous";
  return loose[0];
}

/**
 * The output `name` of a lowered card, or the mistake: an output it does not have (its outputs listed, the
 * nearest named) or one of several of that name. A card that could not be lowered has no outputs to check.
 */
export function requireOutput(
  from: LoweredCard,
  name: string,
  what: string,
  site: CallSite | undefined,
): { ref: IrEntryRef; type: ValueType } {
  if (from.failed) throw new Cascade();
  const out = findOutputOf(from, name);
  const card = JSON.stringify(from.card.name);
  if (out === "ambiguous")
    throw new DslError(`${what}: output ${JSON.stringify(name)} of card ${card} is ambiguous; use $out("<exact key>")`, site);
  if (!out) {
    const keys = [...new Set(from.outputs.map((o) => o.ref.key))];
    const props = (factoryMetaOf(from.node.spec)?.outputs ?? []).map(([prop]) => prop);
    const listed = keys.length > 0 ? `its outputs: ${listValues(keys)}` : "it has no outputs";
    throw new DslError(
      `${what}: card ${card} has no output ${JSON.stringify(name)}; ${listed}${didYouMean(name, [...keys, ...props])}`,
      site,
    );
  }
  return out;
}

/** The card and output a ref points to, anywhere in the flow (for ids and links, once every card is lowered). */
export function resolveOutput(
  state: FlowState,
  source: Ref,
  what: string,
  site: CallSite | undefined,
): { card: string; output: IrEntryRef; type: ValueType } {
  const lowered = state.lowered.get(source.node as RecordedNode);
  if (!lowered) throw new DslError(`${what}: ${JSON.stringify(source.output)} is not an output of a card placed in this flow`, site);
  const out = requireOutput(lowered, source.output, what, site);
  return { card: lowered.card.ref, output: out.ref, type: out.type };
}

/** The IR link to a card of the flow, or the verbatim id of a card that is not in it. */
export function cardLink(state: FlowState, c: Card<unknown> | { readonly dangling: string }, site: CallSite | undefined): IrLink {
  // a getter or thunk may hand back anything (`undefined` from a variable not assigned yet)
  if (c === null || typeof c !== "object")
    throw new DslError(`a wormhole or source link is ${describeValue(c)}, not a card placed in this flow`, site);
  if ("dangling" in c && typeof (c as { dangling?: unknown }).dangling === "string" && !("$node" in c))
    return { dangling: (c as { dangling: string }).dangling };
  const node = (c as Card<unknown>).$node as RecordedNode | undefined;
  const lowered = node ? state.lowered.get(node) : undefined;
  if (!lowered) throw new DslError("a wormhole or source link points to a card that is not placed in this flow", site);
  return { ref: lowered.card.ref };
}

/** The card a wire in the current scope starts from: placed before, in this flow and in this very scope. */
export function sourceOf(state: FlowState, src: Ref, what: string, site: CallSite | undefined): LoweredCard {
  if (src.node.owner !== state.token) {
    const other = state.pack.flows.byOwner.get(src.node.owner);
    throw new DslError(
      `${what} is wired to an output of another flow${other ? ` (${JSON.stringify(other.options.name)})` : ""}; pass values between flows as helper-flow parameters`,
      site,
    );
  }
  if (src.path && src.path.length > 0)
    throw new DslError(
      `${what}: field(...) works in the inputs of cards placed with f.add and in If/Else conditions; here, place an Object Get card`,
      site,
    );
  const from = state.lowered.get(src.node as RecordedNode);
  if (!from) throw new DslError(`${what} is wired to a card that is not placed yet (place it with f.add before using its outputs)`, site);
  if (from.failed) throw new Cascade();
  if ((src.node as RecordedNode).scope !== state.scope)
    throw new DslError(`${what} is wired to a card outside this scope (inline flows get outer values through wormholes)`, site);
  return from;
}
