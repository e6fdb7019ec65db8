/**
 * A scope (a flow's body or an inline flow) → IR: its cards in storage order, then its wires (refs, explicit
 * pins, Join hand-ons), its orderings and If/Else branches; a required input left empty is an error.
 */
import type { IrScope } from "../../ir/types.js";
import type { FlowBuilder } from "../../dsl/builder.js";
import type { Recording } from "../../dsl/recording.js";
import type { InlineFlow } from "../../dsl/types.js";
import { applyShapeChanges, usualInlineShape } from "../../shapes/inline-flow.js";
import { toJson } from "./constants.js";
import { expandEdges } from "./expand.js";
import { lowerNode } from "./node.js";
import { recordScope } from "./record.js";
import { checkRequiredInputs } from "./required-inputs.js";
import type { FlowState, LoweredCard } from "./state.js";
import { wire, wireExplicit } from "./wires.js";
import { attempt } from "./diagnostics.js";
import { checkHelperCalls } from "./helper-calls.js";
import { standIn } from "./stand-in.js";

/** Lowers the flow's top-level scope (and, through values, its inline flows); resolves links at the end. */
export function lowerBody(state: FlowState, recording: Recording): IrScope {
  const scope = lowerScope(state, recording);
  for (const f of state.deferred) attempt(state.pack.diagnostics, f, () => undefined);
  return scope;
}

/** Lowers an inline flow (as recorded with its flow); `owner`, the card holding it, receives the wormholes its body needs. */
export function lowerInline(state: FlowState, inlineFlow: InlineFlow, owner: LoweredCard | undefined): IrScope {
  const recording = state.inlines.get(inlineFlow)?.shift() ?? recordInline(state, inlineFlow);
  if (owner) state.inlineStack.push({ recording, owner, outerPending: state.pending, outerScope: state.scope, wormholes: new Map() });
  let scope: IrScope;
  try {
    scope = lowerScope(state, recording);
  } finally {
    if (owner) state.inlineStack.pop();
  }
  scope.inline = applyShapeChanges(usualInlineShape(), inlineFlow.shape, (v, k) =>
    toJson(v, `inline flow key ${JSON.stringify(k)}`, inlineFlow.site),
  );
  return scope;
}

/** An inline flow the flow's recording did not see (made while lowering): recorded now. */
function recordInline(state: FlowState, inlineFlow: InlineFlow): Recording {
  const body = inlineFlow.body as ((g: FlowBuilder) => void) | undefined;
  return recordScope(state.token, inlineFlow.root, body, "inline flow", inlineFlow.site, (e) => state.pack.diagnostics.report(e)).recording;
}

function lowerScope(state: FlowState, recording: Recording): IrScope {
  const outerPending = state.pending;
  const outerScope = state.scope;
  const diagnostics = state.pack.diagnostics;
  state.pending = [];
  state.scope = recording;
  try {
    const cards = recording.nodes.map(
      (node) =>
        attempt(
          diagnostics,
          () => lowerNode(state, node),
          () => standIn(state, node),
        ).card,
    );
    for (const pin of state.pending)
      attempt(
        diagnostics,
        () => wire(state, pin),
        () => undefined,
      );
    for (const pin of recording.pins)
      attempt(
        diagnostics,
        () => wireExplicit(state, pin),
        () => undefined,
      );
    const refOf = (node: Recording["nodes"][number]): string => state.lowered.get(node)!.card.ref;
    const orderings = [...recording.edges, ...expandEdges(recording)].map(([a, b]): [string, string] => [refOf(a), refOf(b)]);
    for (const node of recording.nodes) {
      if (node.branches) state.lowered.get(node)!.card.branches = node.branches.map((b) => ({ head: refOf(b.head), value: b.value }));
    }
    checkRequiredInputs(state, recording);
    checkHelperCalls(state, recording);
    return { cards, orderings };
  } finally {
    state.pending = outerPending;
    state.scope = outerScope;
  }
}
