/**
 * The interpreter: runs a prepared scope (plan.ts) card by card. Each card reads its inputs (constants, or the
 * outputs of the cards wired into it, converted), runs (a control card here or in control-flow.ts and
 * helper-calls.ts, a connector card through its mock, a function card through the library), and stores its
 * outputs for the cards after it. A failing card gets Okta's error object and its error policy (retries on 429,
 * then halt, return or a helper flow); If Error blocks catch what is left.
 */
import type { CardInput } from "./card-function.js";
import { CardFailure } from "./card-function.js";
import { splitTemplate } from "../shapes/compose.js";
import { runConnector, runMockableFunction } from "./connectors.js";
import { runBranch, runTryCatch } from "./control-flow.js";
import { FlowFailure, SimulationStop } from "./errors.js";
import { compareOperands, type Operand } from "./functions/compare.js";
import { runCall, runIterate, runRepeat, runErrorHelper } from "./helper-calls.js";
import type { CardPlan, ScopePlan, StepPlan } from "./plan.js";
import { MAX_DEPTH, type RunState } from "./run-state.js";
import type { CardRun } from "./trace.js";
import { addToDate, unitOf } from "./functions/date.js";
import { num, text } from "./functions/values.js";
import { valueAt } from "./values.js";

export interface Frame {
  readonly plan: ScopePlan;
  /** Each card's outputs once it ran (undefined: not run in this scope run). */
  readonly values: Array<readonly unknown[] | undefined>;
  /** The execution this scope runs in (a flow run; inline blocks share their flow's). */
  readonly execution: string;
  readonly path: readonly string[];
  readonly depth: number;
}

/** How a scope ended before its last card: a Return (values by field key), or a Continue If that stopped it. */
export type ScopeEnd =
  | { readonly kind: "return"; readonly values: Record<string, unknown>; readonly raw: boolean }
  | { readonly kind: "stop"; readonly message: string };

/** The outputs of a scope's start card (trigger values, a helper's arguments, wormholes). */
export type StartValues = (card: CardPlan) => unknown[];

export class Interpreter {
  constructor(readonly state: RunState) {}

  runScope(plan: ScopePlan, start: StartValues, execution: string, path: readonly string[], depth: number): ScopeEnd | undefined {
    if (depth > MAX_DEPTH)
      throw new SimulationStop(
        "invalid",
        `helper flows and blocks nest more than ${MAX_DEPTH} deep in flow "${plan.flow.name}": a helper flow that calls itself?`,
      );
    const frame: Frame = { plan, values: new Array<readonly unknown[] | undefined>(plan.cards.length), execution, path, depth };
    if (plan.root !== undefined) {
      const card = plan.cards[plan.root]!;
      const entry = this.enter(card, frame);
      const outputs = card.kind === "start" ? start(card) : [];
      this.finish(entry, undefined, outputs);
      frame.values[card.index] = outputs;
    }
    return this.runSteps(plan.steps, frame);
  }

  runSteps(steps: readonly StepPlan[], frame: Frame): ScopeEnd | undefined {
    for (const step of steps) {
      const end = this.runStep(step, frame);
      if (end) return end;
    }
    return undefined;
  }

  /** One card, with its error policy around it. */
  private runStep(step: StepPlan, frame: Frame): ScopeEnd | undefined {
    const card = frame.plan.cards[step.card]!;
    if (card.kind === "noop" || card.kind === "comment") {
      frame.values[card.index] = [];
      return undefined;
    }
    for (let attempt = 0; ; attempt++) {
      const at = this.state.trace.length;
      try {
        return this.dispatch(step, card, frame);
      } catch (thrown) {
        // A card failing as Okta's would: the library's CardFailure (a comparison, a date, a mock's fail()) or a
        // FlowFailure of the interpreter's; either gets Okta's error object here.
        const error = thrown instanceof CardFailure ? new FlowFailure(thrown.message, thrown.code) : thrown;
        if (error instanceof SimulationStop) {
          const entry = this.state.trace[at];
          if (entry && entry.plan === card && entry.status === "ok") entry.status = "stopped";
        }
        if (!(error instanceof FlowFailure)) throw error;
        error.at ??= { card: card.name, flow: frame.plan.flow.name, type: card.moduleKey };
        error.error ??= {
          message: error.message,
          code: error.code,
          method: card.card.ref,
          flo: frame.plan.flow.ref,
          execution: frame.execution,
        };
        const entry = this.state.trace[at];
        if (entry && entry.plan === card) {
          entry.status = "failed";
          entry.error = { message: error.message, code: error.code };
        }
        const policy = card.kind === "tryCatch" ? {} : card.card.policy.error;
        const retries = typeof policy.retry === "number" ? policy.retry : 0;
        // Okta retries a card only on 429 Too Many Requests (build/set-error-handling.htm).
        if (error.code === 429 && attempt < retries) {
          if (entry) entry.status = "retried";
          this.state.advance(delayOf(policy.delay));
          continue;
        }
        if (policy.type === "flo" && card.card.policy.flo?.kind === "flow") {
          if (entry) entry.note = "error policy: run a helper flow, then stop the flow with the error";
          runErrorHelper(this, card, frame, card.card.policy.flo.flow, error);
        } else if (policy.type === "return" && entry) {
          entry.note = "error policy: return values, then stop the flow with the error";
        }
        throw error;
      }
    }
  }

  private dispatch(step: StepPlan, card: CardPlan, frame: Frame): ScopeEnd | undefined {
    switch (card.kind) {
      case "if":
        return this.runIf(step, card, frame);
      case "branch":
        return runBranch(this, card, frame);
      case "tryCatch":
        return runTryCatch(this, card, frame);
      case "call":
      case "callAsync":
        this.simple(card, frame, (inputs, entry) => runCall(this, card, frame, inputs, entry));
        return undefined;
      case "iterate":
        this.simple(card, frame, (inputs, entry) => runIterate(this, card, frame, inputs, entry));
        return undefined;
      case "repeat":
        this.simple(card, frame, (inputs) => runRepeat(this, card, frame, inputs));
        return undefined;
      case "continueIf": {
        let passed = true;
        let message = "";
        this.simple(card, frame, (inputs, entry) => {
          passed = condition(card, inputs);
          message = String(valueOf(card, inputs, "message") ?? "");
          if (!passed) entry.note = `stopped: the condition is false${message ? ` (${message})` : ""}`;
          return card.outputs.map((o) => (o.key === "message" && !passed ? message : undefined));
        });
        return passed ? undefined : { kind: "stop", message };
      }
      case "return":
      case "returnRaw": {
        let values: Record<string, unknown> = {};
        this.simple(card, frame, (inputs) => {
          values = byKey(card, inputs);
          return mirror(card, inputs);
        });
        return { kind: "return", values, raw: card.kind === "returnRaw" };
      }
      default: {
        // The common path (function and connector cards), written out: no closure per card.
        const entry = this.enter(card, frame);
        const inputs = this.readInputs(card, frame);
        entry.inputs = inputs;
        const outputs = this.runValueCard(card, frame, inputs, entry);
        entry.outputs = outputs;
        frame.values[card.index] = outputs;
        return undefined;
      }
    }
  }

  /** Cards that read inputs and give outputs (the run goes on after them). */
  private runValueCard(card: CardPlan, frame: Frame, inputs: unknown[], entry: CardRun): unknown[] {
    switch (card.kind) {
      case "join":
        return this.joinOutputs(card, inputs);
      case "assign":
        return mirror(card, inputs);
      case "compose":
        return card.outputs.map((o) => (o.key === "output" ? compose(card, inputs) : undefined));
      case "expand": {
        const object = inputs[card.inputs.findIndex((i) => i.key === "object")];
        return card.outputs.map((o) => (o.expand ? (o.expand.isKey ? [...o.expand.path] : valueAt(object, o.expand.path)) : undefined));
      }
      case "wait": {
        // The delay in the unit, as Add to Date adds it (date.ts): the same units, the same calendar.
        const from = this.state.now;
        const unit = unitOf(valueOf(card, inputs, "unit") ?? "second");
        this.state.advance(addToDate(from, num(valueOf(card, inputs, "delay"), "delay"), unit) - from);
        return card.outputs.map(() => undefined);
      }
      case "throw":
        throw new FlowFailure(String(valueOf(card, inputs, "message") ?? "Error"), statusOf(valueOf(card, inputs, "statusCode")));
      case "throwIf":
        if (condition(card, inputs)) {
          throw new FlowFailure(String(valueOf(card, inputs, "message") ?? "Error"), statusOf(valueOf(card, inputs, "statusCode")));
        }
        return card.outputs.map(() => undefined);
      case "close": {
        this.state.response ??= responseOf(card, inputs);
        return mirror(card, inputs);
      }
      case "connector":
        return runConnector(this, card, frame, inputs, entry);
      case "start":
        throw new SimulationStop(
          "invalid",
          `card "${card.name}" (${card.moduleKey}) in flow "${frame.plan.flow.name}" is a start card in the middle of the flow`,
        );
      default:
        return runMockableFunction(this, card, frame, inputs, entry);
    }
  }

  private runIf(step: StepPlan, card: CardPlan, frame: Frame): ScopeEnd | undefined {
    let result = false;
    this.simple(card, frame, (inputs) => {
      result = condition(card, inputs);
      return card.outputs.map((o) => (o.key === "result" ? result : undefined));
    });
    const block = step.blocks.find((b) => b.value === result);
    return block ? this.runSteps(block.steps, frame) : undefined;
  }

  private joinOutputs(card: CardPlan, inputs: unknown[]): unknown[] {
    const out = new Array<unknown>(card.outputs.length).fill(undefined);
    for (const j of card.joins) for (const o of j.outputs) out[o] = inputs[j.input];
    return out;
  }

  /** Runs a card that reads inputs and gives outputs: trace entry, inputs, body, outputs stored. */
  simple(card: CardPlan, frame: Frame, body: (inputs: unknown[], entry: CardRun) => unknown[]): void {
    const entry = this.enter(card, frame);
    const inputs = this.readInputs(card, frame);
    entry.inputs = inputs;
    const outputs = body(inputs, entry);
    this.finish(entry, undefined, outputs);
    frame.values[card.index] = outputs;
  }

  /** Starts a card's trace entry (before its inputs are read, so that a failure there is recorded too). */
  enter(card: CardPlan, frame: Frame): CardRun {
    this.state.count();
    const entry: CardRun = {
      plan: card,
      flow: frame.plan.flow.name,
      path: frame.path as string[],
      at: this.state.nowIso(),
      inputs: undefined,
      outputs: undefined,
      status: "ok",
    };
    this.state.trace.push(entry);
    return entry;
  }

  finish(entry: CardRun, inputs: readonly unknown[] | undefined, outputs: readonly unknown[]): void {
    if (inputs) entry.inputs = inputs;
    entry.outputs = outputs;
  }

  /** A card's input values: wired (the last source that ran, converted) or constant. */
  readInputs(card: CardPlan, frame: Frame): unknown[] {
    const slots = card.inputs;
    const values = new Array<unknown>(slots.length);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      let value = slot.constant;
      for (let s = slot.sources.length - 1; s >= 0; s--) {
        const src = slot.sources[s]!;
        const out = frame.values[src.card];
        if (out === undefined) continue;
        value = src.convert ? src.convert(out[src.output]) : out[src.output];
        break;
      }
      if (value === undefined && slot.required && !slot.option && !this.state.setup.flags.looseNulls) {
        throw new FlowFailure(`Invalid input: "${slot.label}" is required`, 400);
      }
      values[i] = value;
    }
    return values;
  }

  /** Calls a card of the function library (cards it lacks stop the run: not simulated yet). */
  callLibrary(card: CardPlan, frame: Frame, inputs: readonly unknown[]): unknown[] {
    const fn = this.state.setup.library.get(card.moduleKey);
    if (!fn) {
      throw new SimulationStop(
        "not-simulated",
        `card "${card.name}" (${card.moduleKey}) in flow "${frame.plan.flow.name}" is not simulated yet`,
        {
          card: card.name,
          flow: frame.plan.flow.name,
          type: card.moduleKey,
        },
      );
    }
    const shape = card.call;
    const callInputs: CardInput[] = new Array<CardInput>(inputs.length);
    for (let i = 0; i < inputs.length; i++) {
      const s = shape.inputs[i]!;
      callInputs[i] = {
        group: s.group,
        key: s.key,
        type: s.type,
        collection: s.collection,
        option: s.option,
        custom: s.custom,
        value: inputs[i],
      };
    }
    let result: unknown;
    try {
      result = fn({ address: card.address, name: card.name, inputs: callInputs, outputs: shape.outputs, env: this.state.env });
    } catch (error) {
      if (error instanceof CardFailure || error instanceof FlowFailure || error instanceof SimulationStop) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new SimulationStop(
        "internal",
        `card "${card.name}" (${card.moduleKey}) in flow "${frame.plan.flow.name}" failed inside the simulator: ${message}`,
      );
    }
    if (!Array.isArray(result)) {
      throw new SimulationStop(
        "internal",
        `card "${card.name}" (${card.moduleKey}): the simulator's function returned ${typeof result}, not one value per output`,
      );
    }
    return result as unknown[];
  }
}

/** The value of a card's input by key (the first with that key). */
export function valueOf(card: CardPlan, inputs: readonly unknown[], key: string): unknown {
  const i = card.inputs.findIndex((s) => s.key === key);
  return i === -1 ? undefined : inputs[i];
}

/** The condition of If/Else, Continue If and Return Error If: value a <comparison> value b (compare.ts). */
function condition(card: CardPlan, inputs: readonly unknown[]): boolean {
  return compareOperands(operand(card, inputs, "left-operand"), valueOf(card, inputs, "operator"), operand(card, inputs, "right-operand"));
}

function operand(card: CardPlan, inputs: readonly unknown[], key: string): Operand | undefined {
  const i = card.inputs.findIndex((s) => s.key === key);
  return i === -1 ? undefined : { value: inputs[i], type: card.inputs[i]!.type };
}

/** Values by field key (Return, Return Raw: what the caller gets). */
export function byKey(card: CardPlan, inputs: readonly unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  card.inputs.forEach((s, i) => {
    if (s.option || s.wormhole) return;
    Object.defineProperty(out, s.key, { value: inputs[i], enumerable: true, writable: true, configurable: true });
  });
  return out;
}

/** Outputs that repeat the inputs of the same (group, key): Assign, Return, Close. */
export function mirror(card: CardPlan, inputs: readonly unknown[]): unknown[] {
  return card.outputs.map((o) => {
    const i = card.inputs.findIndex((s) => s.group === o.group && s.key === o.key);
    return i === -1 ? undefined : inputs[i];
  });
}

/**
 * Compose: the `_text_` template with each `{{{key}}}` placeholder replaced by the value of the input of that key
 * (text as it is, numbers and true/false as text, lists and objects as JSON, empty as nothing).
 */
function compose(card: CardPlan, inputs: readonly unknown[]): string {
  const template = valueOf(card, inputs, "_text_");
  if (typeof template !== "string") return template === undefined || template === null ? "" : String(template);
  const byKey = new Map<string, unknown>();
  card.inputs.forEach((s, i) => {
    if (s.key !== "_text_") byKey.set(s.key, inputs[i]);
  });
  let out = "";
  for (const part of splitTemplate(template, new Set(byKey.keys()))) {
    out += part.text;
    if (part.token !== undefined) out += text(byKey.get(part.token));
  }
  return out;
}

function statusOf(value: unknown): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 100 && n <= 599 ? n : 400;
}

function delayOf(delay: unknown): number {
  if (typeof delay === "number") return delay;
  if (Array.isArray(delay) && typeof delay[0] === "number") return delay[0];
  return 300_000; // Okta's default: 5 minutes
}

function responseOf(card: CardPlan, inputs: readonly unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  card.inputs.forEach((s, i) => {
    if (inputs[i] !== undefined) out[s.key] = inputs[i];
  });
  return out;
}
