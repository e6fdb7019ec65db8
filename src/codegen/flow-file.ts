/**
 * One IR flow → one `*.flow.ts` file: `export default flow({...}, (f) => {...})` with its cards placed in
 * execution order. Each card is written with exactly the instance data lower needs to rebuild the same IR card;
 * wiring becomes output refs where lower resolves them back to the same pin, and `f.pin` / `f.edge` / `f.branch`
 * where it would not.
 *
 * In order: recognise an event flow (event-flow.ts); index and plan every scope (plan-flow.ts); decide which
 * wormholes lower can rebuild (wormholes.ts); name the card variables (card-variables.ts); write the trigger
 * (trigger.ts, trigger-root.ts) and the top scope's body (scope-body.ts → card-spec.ts...); then the imports.
 * The state they share is a FlowContext (flow-context.ts).
 */
import { blockArrow } from "./literal.js";
import { ts } from "ts-morph";
import type { Catalog } from "../catalog/store.js";
import type { IrFlow } from "../ir/types.js";
import { cardModel } from "./card-model.js";
import { cardSpec } from "./card-spec.js";
import { hoistedDeclarations, nameCardVariables } from "./card-variables.js";
import { eventFlow } from "./event-flow.js";
import { withExpandSteps } from "./expand.js";
import { FlowContext, type PackNames, type RawCardReport } from "./flow-context.js";
import { planFlow } from "./plan-flow.js";
import { inlineFlowExpr, scopeBody } from "./scope-body.js";
import { triggerOptions } from "./trigger.js";
import { isVanillaRoot, triggerParams, type TriggerParam } from "./trigger-root.js";
import { eventFields } from "./card-types.js";
import { factoryIndex } from "./factories.js";
import { outputTyping, type OutputTyping } from "./output-access.js";
import type { ValueShape } from "../catalog/shape.js";
import type { IrCard } from "../ir/types.js";
import { NOOP_ADDRESS } from "../shapes/known-cards.js";
import { dropUnusedConsts } from "./unused.js";
import { folderExpr } from "./values.js";
import { rootVariant } from "./variant-choice.js";
import { planWormholes } from "./wormholes.js";

export { RESOURCES_MODULE, type PackNames, type RawCardReport } from "./flow-context.js";

const f = ts.factory;

export interface FlowFileResult {
  text: string;
  cards: number;
  rawCards: number;
  /** Per raw card: what made it raw. */
  raw: RawCardReport[];
  /** IR facts the DSL cannot express (the round trip will differ there). */
  lossy: string[];
}

export function writeFlowFile(
  flow: IrFlow,
  names: PackNames,
  catalog: Catalog,
  print: (stmts: ts.Statement[][]) => string,
): FlowFileResult {
  const w = new FlowContext(flow, names, catalog, inlineFlowExpr);
  const body = flowStatement(w);
  return { text: print([w.file.imports(), dropUnusedConsts(body)]), cards: w.cards, rawCards: w.raw.length, raw: w.raw, lossy: w.lossy };
}

/** `export default flow(options, (f) => {...})`. */
function flowStatement(w: FlowContext): ts.Statement[] {
  const { index } = w;
  // Okta event flows are stored as [event card → For Each wrapper]: written as `event(...)` when lower's
  // wrapper gives back exactly this one.
  const ev = eventFlow(w.flow.body, w.catalog);
  if (ev) {
    index.models.set(ev.event.ref, cardModel(ev.event, w.catalog));
    index.cardsByRef.set(ev.event.ref, ev.event);
    w.countCard(); // the wrapper, written by event()
  }
  planFlow(w, ev ? ev.body : w.flow.body);
  index.wormholes = planWormholes(
    index.scopes.map((s) => ({
      id: s.id,
      parent: s.parent,
      scope: s.scope,
      root: s.plan.root,
      steps: withExpandSteps(s.plan.steps, s.plan.root, index.expands),
    })),
    index.models,
  );
  for (const pin of index.wormholes.elidedPins) w.pinsInPlace.add(pin);
  nameCardVariables(w);
  const top = index.scopes[0]!;
  const root = top.plan.root;
  if (ev) w.countCard();
  const params = root ? withOptional(triggerParams(root, w.model(root.ref), w.catalog), w.pack.unmappedParams(w.flow.ref)) : undefined;
  const trigger = triggerOptions(
    w.flow,
    root,
    {
      event: ev
        ? {
            spec: cardSpec(w, ev.event, top.id),
            rootName: ev.rootName,
            rootVariant: ev.rootVariant,
            rootComments: ev.rootComments,
            ...(ev.wrapperVariant !== undefined ? { wrapperVariant: ev.wrapperVariant } : {}),
            ...(ev.inline !== undefined ? { inline: ev.inline } : {}),
          }
        : undefined,
      params,
      ctx: w.file,
      spec: (card) => cardSpec(w, card, top.id),
      isVanillaRoot: (card, expected) => isVanillaRoot(card, w.model(card.ref), expected),
      folder: (ref) => folderExpr(w, ref),
      defaultVariant: (address, name) => rootVariant(w.catalog, address, name),
    },
    w.lossy,
  );
  if (root) {
    w.countCard();
    w.typings.set(root.ref, triggerTyping(w, root, ev ? ev.event : undefined, params));
  }
  const statements = scopeBody(w, top, "f");
  const bodyFn = blockArrow("f", [...hoistedDeclarations(w), ...statements]);
  const call = f.createCallExpression(w.file.use("flocode", "flow"), undefined, [trigger, bodyFn]);
  return [f.createExportAssignment(undefined, undefined, call)];
}

/** Helper-flow parameters a caller leaves unmapped are written optional (`"string?"`). */
function withOptional(params: TriggerParam[] | undefined, unmapped: ReadonlySet<string>): TriggerParam[] | undefined {
  return params?.map((p) => (p.group === null && unmapped.has(p.key) ? { ...p, optional: true } : p));
}

/**
 * The outputs `f.trigger`'s type lists, as the trigger helper written types them: an event's fields (when its card
 * is written with its typed factory), a schedule's run time, the parameters a helper declares, `executionId`.
 */
function triggerTyping(w: FlowContext, root: IrCard, event: IrCard | undefined, params: TriggerParam[] | undefined): OutputTyping {
  const outputs = w.model(root.ref).outputs;
  const string = [{ type: "string", collection: false }];
  const named: Array<{ prop: string; group: string | null; key: string; types: ValueShape[] }> = [];
  const add = (prop: string, key: string, types: ValueShape[]) => {
    const found = outputs.filter((o) => o.ref.key === key);
    if (found.length === 1) named.push({ prop, group: found[0]!.ref.group, key, types });
  };
  const manual = !event && !w.flow.schedule && root.address === NOOP_ADDRESS;
  if (!manual) add("executionId", "execution_id", string);
  if (w.flow.schedule) add("executionTime", "execution_time", string);
  else if (event && w.typings.get(event.ref)?.open === false) {
    const shape = factoryIndex().get(event.address)?.shape;
    for (const x of (shape && eventFields(shape)) ?? []) add(x.prop, x.key, [x.type]);
  } else if (params) for (const p of params) add(p.key, p.key, [{ type: p.type.replace(/\[\]$/, ""), collection: p.type.endsWith("[]") }]);
  return outputTyping(outputs, named, false);
}
