/** JSON cards (module `json`): Parse, Stringify. */
import { CardFailure, type CardFunction } from "../card-function.js";
import { arg, one } from "./args.js";
import { isBlank, text } from "./values.js";

/** Parse: JSON text to its object or list; text that is not JSON fails the card. */
const parse: CardFunction = (call) => {
  const source = arg(call, "string");
  if (typeof source !== "string") return one(call, isBlank(source) ? undefined : source);
  try {
    return one(call, JSON.parse(source) as unknown);
  } catch (error) {
    throw new CardFailure(`string: not JSON (${(error as Error).message})`);
  }
};

/** Stringify: the value as compact JSON text. */
const stringify: CardFunction = (call) => {
  const value = arg(call, "object");
  return one(call, value === undefined ? "" : typeof value === "string" ? JSON.stringify(value) : text(value));
};

export const jsonCards: ReadonlyArray<readonly [string, CardFunction]> = [
  ["json:parse", parse],
  ["json:stringify", stringify],
];
