/**
 * The container cards whose blocks are inline flows: If/ElseIf (`control:branch`) and If Error
 * (`control:tryCatch`). Okta's reference: "Consider those blocks as representing anonymous helper flows ...
 * Placing [Return] inside one of those block sends you to the step immediately after the container"
 * (flow-control/flocontrol_return.htm); a Continue If that stops inside one does the same (If Error reference,
 * errorhandling_trycatch.htm). Outer values reach a block through its wormholes; its Return gives the
 * container's outputs. If Error runs its If Error block with the error object (`message`, `code`, `method`,
 * `flo`, `execution`) when a card of its Try block fails.
 */
import { FlowFailure } from "./errors.js";
import { compareOperands, type Operand } from "./functions/compare.js";
import { callableOutputs, returnedOutputs, wormholesOf, type CallableContext } from "./helper-calls.js";
import type { Frame, Interpreter, ScopeEnd } from "./interpreter.js";
import type { CardPlan, InputSlot } from "./plan.js";
import type { IrScope } from "../ir/types.js";

/** Runs one block (an inline flow) of a container card, its start card taking the wormholes. */
function runBlock(
  interp: Interpreter,
  frame: Frame,
  scope: IrScope,
  wormholes: Map<string, unknown>,
  label: string,
  error?: CallableContext["error"],
): ScopeEnd | undefined {
  const plan = interp.state.plan(frame.plan.flow, scope);
  const context: CallableContext = { execution: frame.execution, ...(error ? { error } : {}) };
  return interp.runScope(
    plan,
    (start) => callableOutputs(start, {}, context, wormholes),
    frame.execution,
    [...frame.path, label],
    frame.depth + 1,
  );
}

interface Condition {
  group: string;
  slots: Array<{ slot: InputSlot; index: number }>;
  order: number;
}

/** The groups of an If/ElseIf card: `if` first, the else-if groups in UI order, `else` last. */
function conditions(card: CardPlan): Condition[] {
  const groups = new Map<string, Condition>();
  card.inputs.forEach((slot, index) => {
    if (slot.group === null || slot.group === "context") return;
    let c = groups.get(slot.group);
    if (!c) groups.set(slot.group, (c = { group: slot.group, slots: [], order: Number.POSITIVE_INFINITY }));
    c.slots.push({ slot, index });
    if (slot.index !== undefined) c.order = Math.min(c.order, slot.index);
  });
  const rank = (c: Condition): number => (c.group === "if" ? -1 : c.group === "else" ? 1 : 0);
  return [...groups.values()]
    .filter((c) => c.slots.some((s) => s.slot.type === "flo"))
    .sort((a, b) => rank(a) - rank(b) || a.order - b.order);
}

export function runBranch(interp: Interpreter, card: CardPlan, frame: Frame): undefined {
  const entry = interp.enter(card, frame);
  const inputs = interp.readInputs(card, frame);
  entry.inputs = inputs;
  const operand = (c: Condition, key: string): Operand | undefined => {
    const s = c.slots.find((x) => x.slot.key === key);
    return s ? { value: inputs[s.index], type: s.slot.type } : undefined;
  };
  const chosen = conditions(card).find(
    (c) => c.group === "else" || compareOperands(operand(c, "left-operand"), operand(c, "operator")?.value, operand(c, "right-operand")),
  );
  let end: ScopeEnd | undefined;
  if (chosen) {
    const scope = chosen.slots.find((s) => s.slot.type === "flo")?.slot.inline;
    const label = chosen.group === "if" ? "if" : chosen.group === "else" ? "else" : "else if";
    entry.note = `ran the ${label} block`;
    if (scope) end = runBlock(interp, frame, scope, wormholesOf(card, inputs), `${card.name}: ${label}`);
  }
  const outputs = returnedOutputs(card, end);
  interp.finish(entry, undefined, outputs);
  frame.values[card.index] = outputs;
  return undefined;
}

export function runTryCatch(interp: Interpreter, card: CardPlan, frame: Frame): undefined {
  const entry = interp.enter(card, frame);
  const inputs = interp.readInputs(card, frame);
  entry.inputs = inputs;
  const wormholes = wormholesOf(card, inputs);
  const attempt = card.inputs.find((s) => s.key === "flo" && s.inline)?.inline;
  const handler = card.card.policy.flo?.kind === "inline" ? card.card.policy.flo.scope : undefined;
  let end: ScopeEnd | undefined;
  try {
    if (attempt) end = runBlock(interp, frame, attempt, wormholes, `${card.name}: Try`);
  } catch (error) {
    if (!(error instanceof FlowFailure)) throw error;
    entry.note = `caught: ${error.message}`;
    end = handler ? runBlock(interp, frame, handler, wormholes, `${card.name}: If Error`, error.error) : undefined;
  }
  const outputs = returnedOutputs(card, end);
  interp.finish(entry, undefined, outputs);
  frame.values[card.index] = outputs;
  return undefined;
}
