/**
 * Number cards (module `math`): Add, Subtract, Multiply, Divide, Round, Round Up, Round Down, Random Integer.
 * Add and Multiply take the fields the author adds as further operands.
 */
import { CardFailure, type CardCall, type CardFunction } from "../card-function.js";
import { arg, byKey, one } from "./args.js";
import { isBlank, num } from "./values.js";

/** a, b and the author's added fields, combined (an empty field is `empty`: 0 for a sum, 1 for a product). */
function fold(call: CardCall, empty: number, combine: (total: number, n: number) => number): number {
  let total = combine(num(arg(call, "a"), "a", empty), num(arg(call, "b"), "b", empty));
  const inputs = call.inputs;
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i]!;
    if (input.custom) total = combine(total, num(input.value, input.key, empty));
  }
  return total;
}

const plus = (total: number, n: number): number => total + n;
const times = (total: number, n: number): number => total * n;
const add: CardFunction = (call) => one(call, fold(call, 0, plus));

const subtract: CardFunction = (call) => one(call, num(arg(call, "a"), "a") - num(arg(call, "b"), "b"));

const multiply: CardFunction = (call) => one(call, fold(call, 1, times));

/** Rounded to `places` decimals, half away from zero (as people round money), without binary noise. */
export function roundTo(value: number, places: number): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** places;
  const shifted = Number((Math.abs(value) * factor).toPrecision(15));
  return (Math.sign(value) * Math.round(shifted)) / factor;
}

/** a / b; `decimals` rounds both outputs; `percentage` is the quotient as a percentage text ("50%"). */
const divide: CardFunction = (call) => {
  const a = num(arg(call, "a"), "a");
  const b = num(arg(call, "b"), "b");
  if (b === 0) throw new CardFailure("b: cannot divide by zero");
  const decimalsValue = arg(call, "decimals");
  const decimals = isBlank(decimalsValue) ? undefined : num(decimalsValue, "decimals");
  if (decimals !== undefined && (!Number.isInteger(decimals) || decimals < 0 || decimals > 20))
    throw new CardFailure(`decimals: ${decimals} is not a number of decimal places (0 to 20)`);
  const quotient = a / b;
  const percent = quotient * 100;
  return byKey(call, {
    output: decimals === undefined ? quotient : roundTo(quotient, decimals),
    percentage: `${decimals === undefined ? roundTo(percent, 10) : roundTo(percent, decimals)}%`,
  });
};

const ceil: CardFunction = (call) => one(call, Math.ceil(num(arg(call, "a"), "a")));
const floor: CardFunction = (call) => one(call, Math.floor(num(arg(call, "a"), "a")));
const round: CardFunction = (call) => one(call, roundTo(num(arg(call, "a"), "a"), 0));

/**
 * Random Integer: a whole number at least a and less than b (the card labels its fields "Greater than or equal
 * to" and "Less than"), from the run's seeded randomness.
 */
const random: CardFunction = (call) => {
  const low = Math.ceil(num(arg(call, "a"), "a"));
  const below = num(arg(call, "b"), "b", 100);
  const high = Math.ceil(below) - 1;
  if (high < low) throw new CardFailure(`b: no whole number is at least ${low} and less than ${below}`);
  return one(call, low + Math.floor(call.env.random() * (high - low + 1)));
};

export const numberCards: ReadonlyArray<readonly [string, CardFunction]> = [
  ["math:add", add],
  ["math:subtract", subtract],
  ["math:multiply", multiply],
  ["math:divide", divide],
  ["math:ceil", ceil],
  ["math:floor", floor],
  ["math:round", round],
  ["math:random", random],
];
