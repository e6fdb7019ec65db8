/**
 * Cards that run another flow: Call Flow (`control:spawn`), Call Flow Async (`control:run`), For Each, For Each -
 * Ignore Errors (`asyncEach`), Map, Filter Custom, Reduce, Repeat, streaming connector cards, and the helper flow
 * of an error policy. A helper flow runs as a flow run of its own (a new execution id), its Helper Flow card
 * giving the arguments (by field key), `index` (the item's position, from 0), `parent` (the caller) and
 * `execution_id`; its Return gives the values back. Items are run in list order; with a concurrency of N the
 * items of a batch of N all start at the batch's virtual time and the clock moves on to the latest end, so Wait
 * cards inside helpers take the time they would with Okta's parallelism, and the trace stays in one order.
 */
import type { IrFlow } from "../ir/types.js";
import { FlowFailure, SimulationStop, type OktaError } from "./errors.js";
import type { Frame, Interpreter, ScopeEnd, StartValues } from "./interpreter.js";
import type { CardPlan, InputSlot } from "./plan.js";
import type { CardRun } from "./trace.js";
import { isObj } from "./functions/values.js";
import { valueAt } from "./values.js";

export interface CallableContext {
  readonly execution: string;
  readonly index?: number;
  readonly parent?: Record<string, unknown>;
  readonly error?: OktaError;
  /** A Scheduled Flow's "Current Time". */
  readonly executionTime?: string;
}

/**
 * The outputs of a Helper Flow card (any `callable` start card): `context` fields from the context, wormhole
 * exits from the container's wormhole entrances (by key), the rest from the arguments (by key, then label).
 */
export function callableOutputs(
  card: CardPlan,
  params: Readonly<Record<string, unknown>>,
  context: CallableContext,
  wormholes?: ReadonlyMap<string, unknown>,
): unknown[] {
  return card.outputs.map((o) => {
    if (o.group === "context") {
      if (wormholes?.has(o.key)) return wormholes.get(o.key);
      switch (o.key) {
        case "index":
          return context.index;
        case "parent":
          return context.parent;
        case "error":
          return context.error;
        case "execution_id":
          return context.execution;
        case "execution_time":
          return context.executionTime;
        default:
          return undefined;
      }
    }
    if (Object.hasOwn(params, o.key)) return params[o.key];
    if (Object.hasOwn(params, o.label)) return params[o.label];
    return undefined;
  });
}

/** The values a container card hands into its inline flows: its wormhole entrances, by key. */
export function wormholesOf(card: CardPlan, inputs: readonly unknown[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  card.inputs.forEach((s, i) => {
    if (s.group === "context") out.set(s.key, inputs[i]);
  });
  return out;
}

/** Outputs a container card takes from a block or helper flow's Return (by key). */
export function returnedOutputs(card: CardPlan, end: ScopeEnd | undefined): unknown[] {
  const values = end?.kind === "return" ? end.values : {};
  return card.outputs.map((o) => (Object.hasOwn(values, o.key) ? values[o.key] : undefined));
}

function helperFlow(interp: Interpreter, card: CardPlan, frame: Frame, slot: InputSlot | undefined): IrFlow {
  const ref = slot?.flow;
  const flow = ref === undefined ? undefined : interp.state.flow(ref);
  const external = ref === undefined ? undefined : interp.state.externalFlow(ref);
  if (!flow && external !== undefined) {
    // Okta exports a called flow that is not exported with the caller as a stub: its cards are not in the file.
    throw new SimulationStop(
      "not-simulated",
      `card "${card.name}" (${card.moduleKey}) in flow "${frame.plan.flow.name}" calls flow ${JSON.stringify(external)}, kept elsewhere (a stub in this export): it is not simulated`,
      { card: card.name, flow: frame.plan.flow.name, type: card.moduleKey },
    );
  }
  if (!flow) {
    const what = slot?.constant !== undefined ? `flow ${JSON.stringify(slot.constant)}, which is not in the pack` : "no helper flow";
    throw new SimulationStop("invalid", `card "${card.name}" (${card.moduleKey}) in flow "${frame.plan.flow.name}" calls ${what}`, {
      card: card.name,
      flow: frame.plan.flow.name,
      type: card.moduleKey,
    });
  }
  return flow;
}

/** Runs a helper flow (by reference) as its own flow run. */
export function callFlow(
  interp: Interpreter,
  caller: CardPlan,
  frame: Frame,
  flow: IrFlow,
  params: Record<string, unknown>,
  extra: Partial<CallableContext>,
  label: string,
): ScopeEnd | undefined {
  const execution = interp.state.nextExecution();
  const context: CallableContext = {
    execution,
    parent: { id: frame.plan.flow.ref, method: caller.card.ref, name: frame.plan.flow.name, execution_id: frame.execution },
    ...extra,
  };
  const start: StartValues = (card) => callableOutputs(card, params, context);
  return interp.runScope(interp.state.plan(flow, flow.body), start, execution, [...frame.path, label], frame.depth + 1);
}

/** Runs an inline flow (an event wrapper's body) like a helper flow: its start card takes `params`. */
function callInline(
  interp: Interpreter,
  frame: Frame,
  slot: InputSlot,
  params: Record<string, unknown>,
  index: number,
  label: string,
): ScopeEnd | undefined {
  const execution = interp.state.nextExecution();
  const context: CallableContext = { execution, index };
  const start: StartValues = (c) => callableOutputs(c, params, context);
  return interp.runScope(interp.state.plan(frame.plan.flow, slot.inline!), start, execution, [...frame.path, label], frame.depth + 1);
}

/** The arguments a calling card passes (its custom fields, by key). */
function argumentsOf(card: CardPlan, inputs: readonly unknown[], item?: { value: unknown }): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  card.inputs.forEach((s, i) => {
    if (!s.custom || s.option || s.group === "context") return;
    const value = s.item && item ? itemField(item.value, s.item.path) : inputs[i];
    Object.defineProperty(args, s.key, { value, enumerable: true, writable: true, configurable: true });
  });
  return args;
}

function itemField(item: unknown, path: string): unknown {
  if (path === "") return item;
  const direct = valueAt(item, [path]);
  return direct !== undefined || !path.includes(".") ? direct : valueAt(item, path.split("."));
}

export function runCall(interp: Interpreter, card: CardPlan, frame: Frame, inputs: readonly unknown[], entry: CardRun): unknown[] {
  const slot = card.inputs.find((s) => s.type === "flo");
  const flow = helperFlow(interp, card, frame, slot);
  const args = argumentsOf(card, inputs);
  if (card.kind === "callAsync") {
    // Async: the helper runs as its own execution; its failure is its own, not the caller's.
    try {
      callFlow(interp, card, frame, flow, args, {}, `${card.name} → ${flow.name}`);
    } catch (error) {
      if (!(error instanceof FlowFailure)) throw error;
      entry.note = `the called flow failed (async, the caller goes on): ${error.message}`;
    }
    return card.outputs.map(() => undefined);
  }
  return returnedOutputs(card, callFlow(interp, card, frame, flow, args, {}, `${card.name} → ${flow.name}`));
}

/** What a card iterates over: its list; Map to List (`object:map`): each key of its object as { key, value }. */
function itemsOf(card: CardPlan, inputs: readonly unknown[]): unknown[] {
  if (card.moduleKey === "object:map") {
    const object = inputs[card.inputs.findIndex((s) => s.key === "object")];
    return isObj(object) ? Object.entries(object).map(([key, value]) => ({ key, value })) : [];
  }
  const list = inputs[card.inputs.findIndex((s) => s.key === "list")];
  return Array.isArray(list) ? list : list === undefined || list === null ? [] : [list];
}

/** Items in batches of the card's concurrency (1 to 200), each batch starting at one virtual time. */
function inBatches<T>(interp: Interpreter, items: readonly T[], concurrency: unknown, run: (item: T, index: number) => void): void {
  const n = Math.min(200, Math.max(1, Math.floor(Number(concurrency) || 1)));
  for (let start = 0; start < items.length; start += n) {
    const begin = interp.state.now;
    let end = begin;
    for (let i = start; i < Math.min(items.length, start + n); i++) {
      interp.state.setClock(begin);
      run(items[i]!, i);
      end = Math.max(end, interp.state.now);
    }
    interp.state.setClock(end);
  }
}

/** The value a helper's Return gives one item: its one field, or an object of its fields. */
function returnedValue(end: ScopeEnd | undefined): unknown {
  if (end?.kind !== "return") return null;
  const keys = Object.keys(end.values);
  return keys.length === 1 ? end.values[keys[0]!] : end.values;
}

export function runIterate(interp: Interpreter, card: CardPlan, frame: Frame, inputs: readonly unknown[], entry: CardRun): unknown[] {
  const action = card.moduleKey.slice(card.moduleKey.indexOf(":") + 1);
  const items = itemsOf(card, inputs);
  const floSlot = card.inputs.find((s) => s.key === "flo" && s.type === "flo");
  const concurrency = inputs[card.inputs.findIndex((s) => s.key === "concurrency")];
  const inline = floSlot?.inline !== undefined;
  const flow = inline ? undefined : helperFlow(interp, card, frame, floSlot);
  if (!inline && !card.inputs.some((s) => s.item) && items.length > 0) {
    interp.state.warnings.push(
      `card "${card.name}" in flow "${frame.plan.flow.name}" passes no list item to its helper flow: none of its arguments is set to the item`,
    );
  }
  let memo: unknown = action === "reduce" ? inputs[card.inputs.findIndex((s) => s.key === "memo" && !s.custom)] : undefined;
  const results: unknown[] = [];
  const kept: unknown[] = [];
  let failures = 0;
  inBatches(interp, items, concurrency, (item, index) => {
    const label = `${card.name} #${index + 1}`;
    const args = inline ? (isObj(item) ? item : { item }) : argumentsOf(card, inputs, { value: item });
    if (action === "reduce") Object.defineProperty(args, "memo", { value: memo, enumerable: true, writable: true, configurable: true });
    let end: ScopeEnd | undefined;
    try {
      end = inline ? callInline(interp, frame, floSlot!, args, index, label) : callFlow(interp, card, frame, flow!, args, { index }, label);
    } catch (error) {
      // For Each - Ignore Errors: an item's failure does not fail the card.
      if (action !== "asyncEach" || !(error instanceof FlowFailure)) throw error;
      failures++;
      return;
    }
    const value = returnedValue(end);
    if (action === "map") results.push(value);
    else if (action === "filter" && (value === true || value === "true")) kept.push(item);
    else if (action === "reduce") memo = value;
  });
  if (failures > 0) entry.note = `${failures} of ${items.length} items failed (ignored)`;
  return card.outputs.map((o) =>
    action === "map" ? results : action === "filter" ? kept : action === "reduce" && o.key === "item" ? memo : undefined,
  );
}

export function runRepeat(interp: Interpreter, card: CardPlan, frame: Frame, inputs: readonly unknown[]): unknown[] {
  const count = Math.max(0, Math.floor(Number(inputs[card.inputs.findIndex((s) => s.key === "count")]) || 0));
  const flow = helperFlow(
    interp,
    card,
    frame,
    card.inputs.find((s) => s.key === "flo"),
  );
  const args = argumentsOf(card, inputs);
  const concurrency = inputs[card.inputs.findIndex((s) => s.key === "concurrency")];
  inBatches(
    interp,
    Array.from({ length: count }, (_, i) => i),
    concurrency,
    (_, index) => {
      callFlow(interp, card, frame, flow, args, { index }, `${card.name} #${index + 1}`);
    },
  );
  return card.outputs.map(() => undefined);
}

/** A streaming connector card: each record of its mocked result goes to its helper flow (Record, State). */
export function streamRecords(
  interp: Interpreter,
  card: CardPlan,
  frame: Frame,
  inputs: readonly unknown[],
  records: readonly unknown[],
): void {
  const slot = card.inputs.find((s) => s.group === "Streaming" && s.type === "flo");
  if (!slot || (slot.flow === undefined && slot.constant === undefined)) return;
  const flow = helperFlow(interp, card, frame, slot);
  const args = argumentsOf(card, inputs);
  records.forEach((record, index) => {
    callFlow(interp, card, frame, flow, { ...args, Record: record, State: {} }, { index }, `${card.name} #${index + 1}`);
  });
}

/** Whether a connector card streams its records to a helper flow. */
export function isStreaming(card: CardPlan): boolean {
  return card.inputs.some((s) => s.group === "Streaming" && s.type === "flo" && s.flow !== undefined);
}

/** An error policy's helper flow: runs with the error (`context.error`); its own failure is recorded, not raised. */
export function runErrorHelper(interp: Interpreter, card: CardPlan, frame: Frame, flowRef: string, failure: FlowFailure): void {
  const flow = interp.state.flow(flowRef);
  if (!flow)
    throw new SimulationStop(
      "invalid",
      `card "${card.name}" in flow "${frame.plan.flow.name}": its error policy runs a flow that is not in the pack`,
    );
  try {
    callFlow(interp, card, frame, flow, {}, { error: failure.error }, `${card.name} error policy → ${flow.name}`);
  } catch (error) {
    if (!(error instanceof FlowFailure)) throw error;
    interp.state.warnings.push(`the error helper flow "${flow.name}" of card "${card.name}" failed: ${error.message}`);
  }
}
