/**
 * Runs one flow of a pack (IR + catalog templates) from its trigger, with the test's input, mocks and table
 * rows, and reports what happened: the flow's outputs, the trace of every card run, the mocked calls, the
 * tables afterwards, and the error, if any. Same pack, input and mocks: same result, on any machine, time zone
 * and locale.
 */
import type { IrFlow, IrPack, IrScope } from "../ir/types.js";
import type { CardLibrary } from "./card-function.js";
import { DEFAULT_FLAGS, type SimFlags } from "./convert.js";
import { readDate } from "./functions/dates.js";
import { FlowFailure, SimulationStop, type OktaError, type StopKind } from "./errors.js";
import { functionCards } from "./functions/index.js";
import { Interpreter, type ScopeEnd } from "./interpreter.js";
import { MockRegistry, type Mocks } from "./mocks.js";
import type { ScopePlan, TemplateLookup } from "./plan.js";
import { DEFAULT_MAX_CARDS, DEFAULT_START, RunState } from "./run-state.js";
import { triggerKind, triggerOutputs, type TriggerKind } from "./start.js";
import { createTableStore, type TableSeed } from "./tables.js";
import { traceEntry, type MockedCall, type TraceEntry } from "./trace.js";
import { isObj } from "./functions/values.js";
import { copyValue } from "./values.js";

export interface SimulateOptions {
  /** Which flow to run (name or ref); default: the pack's only flow that no other flow calls. */
  flow?: string;
  /** The trigger's data (see start.ts): a helper flow's arguments, an API endpoint's `{ body, query, headers }`... */
  input?: Record<string, unknown>;
  mocks?: Mocks;
  /** Rows of the pack's tables, by table name. */
  tables?: TableSeed;
  /** The virtual clock's start (default 2025-01-01T00:00:00.000Z). */
  now?: string | number | Date;
  /** Seed of the cards that are random (default 1). */
  seed?: number;
  /** Card runs before the run stops (default 1,000,000). */
  maxCards?: number;
  /** The function cards (default: the simulator's library). */
  library?: CardLibrary;
  /** The flopack's conversion flags (default: what every export sets, all on). */
  flags?: Partial<SimFlags>;
}

export type RunStatus =
  /** Ran to its end or to a Return. */
  | "completed"
  /** A Continue If stopped it (Okta: a normal stop, no error). */
  | "stopped"
  /** A card failed and nothing handled it (Okta: the flow fails). */
  | "failed"
  /** The simulation could not go on: a card not simulated yet, no mock, a wrong mock, bad input. */
  | "incomplete";

export interface SimulationError {
  kind: "failed" | StopKind;
  message: string;
  /** The card, its flow and card type, when the error is at a card. */
  card?: string;
  flow?: string;
  type?: string;
  /** Okta's error object of a failed flow. */
  okta?: OktaError;
}

export interface SimulationResult {
  /** The flow that ran (its name) and how it started. */
  flow: string;
  trigger: TriggerKind;
  status: RunStatus;
  /** What the flow returned (Return, Return Raw: statusCode/headers/body; an API endpoint's Close response). */
  outputs: Record<string, unknown>;
  trace: TraceEntry[];
  calls: MockedCall[];
  /** Every table of the pack after the run: rows (column → value), by table name. */
  tables: Record<string, Array<Record<string, unknown>>>;
  error: SimulationError | undefined;
  warnings: string[];
  /** A Continue If's message when it stopped the flow. */
  stopMessage?: string;
}

export interface SimulationInput {
  pack: IrPack;
  templates: TemplateLookup;
  /** The flopack's `flags`, when the pack came from a file (flow sources: all on). */
  flags?: SimFlags;
}

/** Prepared scopes by pack and flags: a pack run again (a test's cases, a bench) is prepared once. */
const planCaches = new WeakMap<SimulationInput, Map<string, WeakMap<IrScope, ScopePlan>>>();

function plansFor(input: SimulationInput, flags: SimFlags): WeakMap<IrScope, ScopePlan> {
  let byFlags = planCaches.get(input);
  if (!byFlags) planCaches.set(input, (byFlags = new Map()));
  const key = JSON.stringify(flags);
  let plans = byFlags.get(key);
  if (!plans) byFlags.set(key, (plans = new WeakMap()));
  return plans;
}

export function simulatePack(input: SimulationInput, options: SimulateOptions = {}): SimulationResult {
  const flow = chooseFlow(input.pack, options.flow);
  const flags = { ...(input.flags ?? DEFAULT_FLAGS), ...options.flags };
  const start = startTime(options.now);
  const state = new RunState({
    pack: input.pack,
    templates: input.templates,
    flags,
    plans: plansFor(input, flags),
    library: options.library ?? functionCards,
    mocks: new MockRegistry(options.mocks),
    tables: createTableStore(
      input.pack.tables.map((t) => ({ id: t.ref, name: t.name, columns: t.columns.map((c) => ({ name: c.name, type: c.type })) })),
      options.tables ?? {},
      // seeded rows were created before the run: at its virtual start
      { now: start },
    ),
    start,
    seed: options.seed ?? 1,
    maxCards: options.maxCards ?? DEFAULT_MAX_CARDS,
  });
  const interp = new Interpreter(state);
  const result: SimulationResult = {
    flow: flow.name,
    trigger: "manual",
    status: "completed",
    outputs: {},
    trace: [],
    calls: state.calls,
    tables: {},
    error: undefined,
    warnings: state.warnings,
  };
  try {
    const plan = state.plan(flow, flow.body);
    const root = plan.root === undefined ? undefined : plan.cards[plan.root];
    result.trigger = triggerKind(root, flow.schedule !== null);
    const given = options.input ?? {};
    if (!isObj(given)) throw new SimulationStop("invalid", `the input must be an object of the trigger's fields`);
    const execution = state.nextExecution();
    const data = copyValue(given);
    const end = interp.runScope(plan, (card) => triggerOutputs(card, result.trigger, data, execution, state.nowIso()), execution, [], 0);
    finish(result, end, state.response);
  } catch (error) {
    result.status = error instanceof FlowFailure ? "failed" : "incomplete";
    result.error = describeError(error);
    if (state.response) result.outputs = state.response;
  }
  for (const t of state.setup.tables.all()) result.tables[t.name] = t.rows.map((r) => ({ ...r.values }));
  lazyTrace(result, state);
  return result;
}

/** `trace`, built from the recorded card runs when first read (a run whose trace nobody reads pays nothing for it). */
function lazyTrace(result: SimulationResult, state: RunState): void {
  let built: TraceEntry[] | undefined;
  Object.defineProperty(result, "trace", {
    enumerable: true,
    configurable: true,
    get: () => (built ??= state.trace.map(traceEntry)),
    set: (value: TraceEntry[]) => {
      built = value;
    },
  });
}

function finish(result: SimulationResult, end: ScopeEnd | undefined, response: Record<string, unknown> | undefined): void {
  if (end?.kind === "stop") {
    result.status = "stopped";
    result.stopMessage = end.message;
  }
  if (response) result.outputs = response;
  else if (end?.kind === "return") result.outputs = end.values;
}

function describeError(error: unknown): SimulationError {
  if (error instanceof FlowFailure) {
    const e: SimulationError = { kind: "failed", message: error.message, ...(error.at ?? {}) };
    if (error.error) e.okta = error.error;
    return e;
  }
  if (error instanceof SimulationStop) return { kind: error.kind, message: error.message, ...(error.at ?? {}) };
  throw error;
}

/** The flow to run: the one named, or the pack's only flow no other flow calls (its helpers are not candidates). */
export function chooseFlow(pack: IrPack, wanted: string | undefined): IrFlow {
  const names = pack.flows.map((f) => JSON.stringify(f.name)).join(", ");
  if (wanted !== undefined) {
    const found = pack.flows.filter((f) => f.name === wanted || f.ref === wanted);
    if (found.length === 1) return found[0]!;
    if (found.length > 1)
      throw new SimulationStop(
        "invalid",
        `${found.length} flows are named ${JSON.stringify(wanted)}: pass the flow's ref instead (${found.map((f) => f.ref).join(", ")})`,
      );
    throw new SimulationStop("invalid", `no flow named ${JSON.stringify(wanted)} (flows: ${names || "none"})`);
  }
  if (pack.flows.length === 1) return pack.flows[0]!;
  const called = new Set<string>();
  const scan = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(scan);
    else if (isObj(value)) {
      if (value.kind === "flow" && typeof value.flow === "string") called.add(value.flow);
      for (const v of Object.values(value)) scan(v);
    }
  };
  for (const f of pack.flows) scan(f.body);
  const roots = pack.flows.filter((f) => !called.has(f.ref));
  if (roots.length === 1) return roots[0]!;
  throw new SimulationStop("invalid", `the pack has ${pack.flows.length} flows: say which one to run (flows: ${names || "none"})`);
}

function startTime(now: SimulateOptions["now"]): number {
  if (now === undefined) return DEFAULT_START;
  const ms = readDate(now);
  if (ms === undefined)
    throw new SimulationStop("invalid", `"now" must be a date (ISO 8601 text, a Date or ms since 1970), got ${JSON.stringify(now)}`);
  return ms;
}
