/**
 * True/False cards (module `boolean`: Compare, And, Or, Or (Exclusive), Not) and the branching cards that are
 * plain functions of their inputs (module `control`: Assign If, Lookup). If/Else, Continue If and Return Error If
 * are the interpreter's, with the same comparison (compare.ts).
 */
import type { CardCall, CardFunction } from "../card-function.js";
import { arg, field, group, one } from "./args.js";
import { compareOperands } from "./compare.js";
import { bool, isBlank, text } from "./values.js";

/** value a <comparison> value b. */
function condition(call: CardCall): boolean {
  return compareOperands(field(call, "left-operand"), arg(call, "operator"), field(call, "right-operand"));
}

const compare: CardFunction = (call) => one(call, condition(call));
const both = (a: boolean, b: boolean): boolean => a && b;
const either = (a: boolean, b: boolean): boolean => a || b;
const and: CardFunction = (call) => one(call, all(call, both));
const or: CardFunction = (call) => one(call, all(call, either));
/** Or (Exclusive): true when exactly one input is true. */
const xor: CardFunction = (call) => {
  let count = 0;
  for (const input of call.inputs) if (!input.option && bool(input.value)) count++;
  return one(call, count === 1);
};
const not: CardFunction = (call) => one(call, !bool(arg(call, "a") ?? arg(call, "input")));

function all(call: CardCall, combine: (a: boolean, b: boolean) => boolean): boolean {
  let result: boolean | undefined;
  for (const input of call.inputs) {
    if (input.option) continue;
    const value = bool(input.value);
    result = result === undefined ? value : combine(result, value);
  }
  return result ?? false;
}

const assignIf: CardFunction = (call) => one(call, condition(call) ? arg(call, "valueIfTrue") : arg(call, "valueIfFalse"));

/** Lookup: the value of the `options` field whose name is the key, else the `else` value. */
const lookup: CardFunction = (call) => {
  const key = text(arg(call, "key"));
  for (const option of group(call, "options")) if (option.key === key) return one(call, option.value);
  const fallback = arg(call, "else");
  return one(call, isBlank(fallback) ? undefined : fallback);
};

export const logicCards: ReadonlyArray<readonly [string, CardFunction]> = [
  ["boolean:compare", compare],
  ["boolean:and", and],
  ["boolean:or", or],
  ["boolean:xor", xor],
  ["boolean:not", not],
  ["control:assignIf", assignIf],
  ["control:lookup", lookup],
];
