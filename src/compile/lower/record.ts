/**
 * Recording: each flow body runs once with a FlowBuilder, which records the cards it places (src/dsl/builder.ts).
 * The flows of a pack are recorded with every helper flow they refer to, inline flows included (their recordings
 * are kept for lowering: a helper flow used only inside an If Error block is found too). A mistake that stops a
 * body is reported; what it placed before is kept and lowered, so that its other mistakes are reported too.
 */
import type { CallSite, CardSpec, CustomField, FlowDef, InlineFlow, Input, TriggerSpec } from "../../dsl/types.js";
import { FlowBuilder } from "../../dsl/builder.js";
import type { RecordedNode, Recording } from "../../dsl/recording.js";
import { DslError } from "../../dsl/errors.js";
import { isInline } from "../../dsl/inline.js";
import { userMistake } from "../user-errors.js";
import {
  ACCEPT_ADDRESS,
  CALLABLE_ADDRESS,
  DELEGATED_ADDRESS,
  HELPER_FLOW_NAME,
  NOOP_ADDRESS,
  RETURN_ADDRESS,
  SCHEDULED_FLOW_NAME,
} from "../../shapes/known-cards.js";

export interface FlowRecording {
  def: FlowDef;
  recording: Recording;
  root: RecordedNode;
  /** Event flows: the event card, placed before the For Each wrapper whose inline flow holds the body. */
  eventCard?: CardSpec<unknown>;
  /** The recordings of the flow's inline flows (one per place an inline flow is used), taken by lowering. */
  inlines: InlineRecordings;
}

/** Recorded inline flows, by inline flow (the same inline flow used twice is recorded twice, alike). */
export type InlineRecordings = Map<InlineFlow, Recording[]>;

/** Reports a mistake found while recording (the build goes on). */
export type ReportMistake = (error: DslError) => void;

/** Records `flows` and, transitively, every flow they refer to, in first-reference order. */
export function recordFlows(flows: readonly FlowDef[], report: ReportMistake): Map<FlowDef, FlowRecording> {
  const recordings = new Map<FlowDef, FlowRecording>();
  const queue = [...flows];
  while (queue.length > 0) {
    const def = queue.shift()!;
    if (recordings.has(def)) continue;
    if (!def || def.kind !== "flow") {
      report(new DslError("expected a flow (made with flow(...))"));
      continue;
    }
    let rec: FlowRecording;
    try {
      rec = recordFlow(def, report);
    } catch (error) {
      if (!(error instanceof DslError)) throw error;
      report(error);
      continue;
    }
    recordings.set(def, rec);
    queue.push(...referencedFlows(rec));
  }
  return recordings;
}

/**
 * A new scope of the flow `token` holding only its root card, filled by running `body` (if any) with a builder.
 * A mistake that stops the body is reported (at its place in the flow file; `what` and `site` for errors that
 * have none) and the scope keeps what the body placed before it; an error inside flocode goes on up.
 */
export function recordScope(
  token: object,
  rootSpec: CardSpec<unknown>,
  body: ((f: FlowBuilder) => unknown) | undefined,
  what: string,
  site: CallSite | undefined,
  report: ReportMistake,
): { recording: Recording; root: RecordedNode; builder: FlowBuilder; returned: unknown; stopped: boolean } {
  const recording: Recording = { flow: token, nodes: [], edges: [], pins: [] };
  const root: RecordedNode = { kind: "cardNode", spec: rootSpec, owner: token, scope: recording, index: 0, role: { kind: "root" } };
  recording.nodes.push(root);
  const builder = new FlowBuilder(recording, root);
  let returned: unknown;
  try {
    returned = body ? body(builder) : undefined;
  } catch (error) {
    const mistake = userMistake(error, what, site);
    if (!mistake) throw error;
    report(mistake);
    return { recording, root, builder, returned: undefined, stopped: true };
  }
  return { recording, root, builder, returned, stopped: false };
}

function recordFlow(def: FlowDef, report: ReportMistake): FlowRecording {
  const trigger = def.options.trigger;
  const rootSpec = def.options.root ?? rootSpecOf(trigger, def);
  const what = `flow ${JSON.stringify(def.options.name)}`;
  const token = {};
  const { recording, root, builder, returned } = recordScope(
    token,
    rootSpec,
    def.body as ((f: FlowBuilder) => unknown) | undefined,
    what,
    def.site,
    report,
  );
  if (returned !== undefined && returned !== null) {
    if (typeof returned !== "object" || Array.isArray(returned) || typeof (returned as { then?: unknown }).then === "function") {
      report(new DslError(`${what}: the body must return nothing or an object of values to return`, def.site));
    } else {
      const customInputs: CustomField[] = Object.entries(returned as Record<string, Input<unknown>>).map(([key, value]) => ({
        key,
        type: "string",
        value,
      }));
      builder.add({ kind: "card", address: RETURN_ADDRESS, customInputs, site: def.site });
    }
  }
  const inlines: InlineRecordings = new Map();
  recordInlineFlows(token, recording, inlines, report);
  return { def, recording, root, eventCard: trigger.kind === "event" ? trigger.card : undefined, inlines };
}

/** Records the inline flows held by the cards of a scope, and theirs, into `inlines`. */
function recordInlineFlows(token: object, scope: Recording, inlines: InlineRecordings, report: ReportMistake): void {
  for (const node of scope.nodes) {
    for (const inlineFlow of inlineFlowsOf(node.spec)) {
      const body = inlineFlow.body as ((g: FlowBuilder) => void) | undefined;
      const { recording } = recordScope(token, inlineFlow.root, body, "inline flow", inlineFlow.site, report);
      inlines.set(inlineFlow, [...(inlines.get(inlineFlow) ?? []), recording]);
      recordInlineFlows(token, recording, inlines, report);
    }
  }
}

/** The inline flows a card holds: in its inputs, options, custom fields, output values and error policy. */
function inlineFlowsOf(spec: CardSpec<unknown>): InlineFlow[] {
  const values: unknown[] = [
    ...Object.values(spec.inputs ?? {}),
    ...Object.values(spec.options ?? {}),
    ...Object.values(spec.outputs ?? {}),
    ...(spec.customInputs ?? []).map((c) => c?.value),
    ...(spec.customOutputs ?? []).map((c) => c?.value),
    spec.policy?.type === "raw" ? spec.policy.handler : undefined,
  ];
  return values.filter(isInline);
}

function rootSpecOf(trigger: TriggerSpec, def: FlowDef): CardSpec<unknown> {
  const site = trigger.site ?? def.site;
  switch (trigger.kind) {
    case "schedule":
      return { kind: "card", address: CALLABLE_ADDRESS, name: SCHEDULED_FLOW_NAME, site };
    case "helper":
      return { kind: "card", address: CALLABLE_ADDRESS, name: HELPER_FLOW_NAME, customInputs: trigger.params, site };
    case "apiEndpoint":
      return { kind: "card", address: ACCEPT_ADDRESS, customInputs: trigger.fields, site };
    case "delegated":
      return { kind: "card", address: DELEGATED_ADDRESS, customInputs: trigger.params, site };
    case "manual":
      return { kind: "card", address: NOOP_ADDRESS, site };
    case "event":
      // The body lives in the wrapper's inline flow, whose root is a callable named after the event.
      return { kind: "card", address: CALLABLE_ADDRESS, site };
    case "card":
      return trigger.card;
    default:
      throw new DslError(`flow ${JSON.stringify(def.options.name)}: unknown trigger`, def.site);
  }
}

/** Flows a recording and its inline flows refer to: `flo` inputs and options, custom fields, error-policy helpers. */
function referencedFlows(rec: FlowRecording): FlowDef[] {
  const out: FlowDef[] = [];
  const visit = (v: unknown): void => {
    if (v && typeof v === "object" && (v as { kind?: unknown }).kind === "flow") out.push(v as FlowDef);
  };
  const scopes = [rec.recording, ...[...rec.inlines.values()].flat()];
  const specs = [...scopes.flatMap((s) => s.nodes.map((n) => n.spec)), ...(rec.eventCard ? [rec.eventCard] : [])];
  for (const spec of specs) {
    for (const v of Object.values(spec.inputs ?? {})) visit(v);
    for (const v of Object.values(spec.options ?? {})) visit(v);
    for (const c of spec.customInputs ?? []) visit(c.value);
    if (spec.policy?.type === "helper") visit(spec.policy.flow);
    if (spec.policy?.type === "raw" && spec.policy.handler && !isInline(spec.policy.handler)) visit(spec.policy.handler);
  }
  return out;
}
