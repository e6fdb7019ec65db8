/**
 * Reading a card's inputs and shaping its result. Inputs are found by key (and group where a card has groups),
 * the card's own fields before the author's custom ones; a linear scan, since cards have a handful of inputs and
 * comparing interned keys is cheaper than building an index per call.
 */
import type { CardCall, CardInput, CardResult } from "../card-function.js";

/** The card's own input (not a custom one) with this key, in any group. */
export function field(call: CardCall, key: string): CardInput | undefined {
  const inputs = call.inputs;
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i]!;
    if (input.key === key && !input.custom) return input;
  }
  return undefined;
}

/** The value of the card's own input `key`; undefined when it is missing or empty. */
export function arg(call: CardCall, key: string): unknown {
  return field(call, key)?.value;
}

/** The value of the input `key` of `group` (custom or not). */
export function argIn(call: CardCall, group: string, key: string): unknown {
  const inputs = call.inputs;
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i]!;
    if (input.key === key && input.group === group) return input.value;
  }
  return undefined;
}

/** The inputs of one group, in card order. */
export function group(call: CardCall, name: string): CardInput[] {
  return call.inputs.filter((input) => input.group === name);
}

/** The author's custom inputs outside any group, in card order. */
export function customInputs(call: CardCall): CardInput[] {
  return call.inputs.filter((input) => input.custom && (input.group === null || input.group === ""));
}

/** A card with one output: its value (a custom output beside it stays empty). */
export function one(call: CardCall, value: unknown): CardResult {
  const outputs = call.outputs;
  if (outputs.length === 1) return [value];
  let done = false;
  return outputs.map((output) => {
    if (output.custom || done) return undefined;
    done = true;
    return value;
  });
}

/** A card with several outputs: each output's value by its key (outputs of other keys stay empty). */
export function byKey(call: CardCall, values: Readonly<Record<string, unknown>>): CardResult {
  return call.outputs.map((output) => (Object.hasOwn(values, output.key) ? values[output.key] : undefined));
}
