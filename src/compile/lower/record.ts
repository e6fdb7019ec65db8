/**
 * Recording: each flow body runs once with a FlowBuilder, which records the cards it places (src/dsl/builder.ts).
 * The flows of a pack are recorded with every helper flow they refer to; inline flows are recorded when their
 * card is lowered (src/compile/lower/scope.ts).
 */
import type { CallSite, CardSpec, CustomField, FlowDef, Input, TriggerSpec } from "../../dsl/types.js";
import { FlowBuilder } from "../../dsl/builder.js";
import type { RecordedNode, Recording } from "../../dsl/recording.js";
import { DslError } from "../../dsl/errors.js";
import { isInline } from "../../dsl/inline.js";
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
}

/** Records `flows` and, transitively, every flow they refer to, in first-reference order. */
export function recordFlows(flows: readonly FlowDef[]): Map<FlowDef, FlowRecording> {
  const recordings = new Map<FlowDef, FlowRecording>();
  const queue = [...flows];
  while (queue.length > 0) {
    const def = queue.shift()!;
    if (recordings.has(def)) continue;
    const rec = recordFlow(def);
    recordings.set(def, rec);
    queue.push(...referencedFlows(rec));
  }
  return recordings;
}

/**
 * A new scope of the flow `token` holding only its root card, filled by running `body` (if any) with a builder.
 * An error thrown by the body that is not a DslError becomes one, prefixed with `what`, at `site`.
 */
export function recordScope(
  token: object,
  rootSpec: CardSpec<unknown>,
  body: ((f: FlowBuilder) => unknown) | undefined,
  what: string,
  site: CallSite | undefined,
): { recording: Recording; root: RecordedNode; builder: FlowBuilder; returned: unknown } {
  const recording: Recording = { flow: token, nodes: [], edges: [], pins: [] };
  const root: RecordedNode = { kind: "cardNode", spec: rootSpec, owner: token, scope: recording, index: 0, role: { kind: "root" } };
  recording.nodes.push(root);
  const builder = new FlowBuilder(recording, root);
  let returned: unknown;
  try {
    returned = body ? body(builder) : undefined;
  } catch (error) {
    if (error instanceof Error && error.name === "DslError") throw error;
    throw new DslError(`${what}: ${error instanceof Error ? error.message : String(error)}`, site);
  }
  return { recording, root, builder, returned };
}

function recordFlow(def: FlowDef): FlowRecording {
  if (!def || def.kind !== "flow") throw new DslError("expected a flow (made with flow(...))");
  const trigger = def.options.trigger;
  const rootSpec = def.options.root ?? rootSpecOf(trigger, def);
  const what = `flow ${JSON.stringify(def.options.name)}`;
  const { recording, root, builder, returned } = recordScope(
    {},
    rootSpec,
    def.body as ((f: FlowBuilder) => unknown) | undefined,
    what,
    def.site,
  );
  if (returned !== undefined && returned !== null) {
    if (typeof returned !== "object" || Array.isArray(returned) || typeof (returned as { then?: unknown }).then === "function") {
      throw new DslError(`${what}: the body must return nothing or an object of values to return`, def.site);
    }
    const customInputs: CustomField[] = Object.entries(returned as Record<string, Input<unknown>>).map(([key, value]) => ({
      key,
      type: "string",
      value,
    }));
    builder.add({ kind: "card", address: RETURN_ADDRESS, customInputs, site: def.site });
  }
  return { def, recording, root, eventCard: trigger.kind === "event" ? trigger.card : undefined };
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

/**
 * Flows a recording refers to: `flo` inputs and options, custom fields, error-policy helpers. Inline flows are
 * recorded only when lowered, so a flow referred to in an inline flow alone is not found here.
 */
function referencedFlows(rec: FlowRecording): FlowDef[] {
  const out: FlowDef[] = [];
  const visit = (v: unknown): void => {
    if (v && typeof v === "object" && (v as { kind?: unknown }).kind === "flow") out.push(v as FlowDef);
  };
  const specs = [...rec.recording.nodes.map((n) => n.spec), ...(rec.eventCard ? [rec.eventCard] : [])];
  for (const spec of specs) {
    for (const v of Object.values(spec.inputs ?? {})) visit(v);
    for (const v of Object.values(spec.options ?? {})) visit(v);
    for (const c of spec.customInputs ?? []) visit(c.value);
    if (spec.policy?.type === "helper") visit(spec.policy.flow);
    if (spec.policy?.type === "raw" && spec.policy.handler && !isInline(spec.policy.handler)) visit(spec.policy.handler);
  }
  return out;
}
