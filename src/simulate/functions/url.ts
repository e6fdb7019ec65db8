/** URL cards (module `url`): Encode Component, Decode Component, Encode (an object as a query string). */
import { CardFailure, type CardFunction } from "../card-function.js";
import { arg, one } from "./args.js";
import { isBlank, obj, text } from "./values.js";

const encodeComponent: CardFunction = (call) => one(call, encodeURIComponent(text(arg(call, "string"))));

const decodeComponent: CardFunction = (call) => {
  try {
    return one(call, decodeURIComponent(text(arg(call, "string"))));
  } catch {
    throw new CardFailure(`string: ${JSON.stringify(arg(call, "string"))} is not URL-encoded text`);
  }
};

/** Encode: an object's keys and values as a query string ("a=1&b=x%20y"); lists repeat their key. */
const encode: CardFunction = (call) => {
  const data = obj(arg(call, "data"), "data");
  const parts: string[] = [];
  for (const key of Object.keys(data)) {
    const value = data[key];
    for (const item of Array.isArray(value) ? value : [value]) {
      if (isBlank(item)) continue;
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(text(item))}`);
    }
  }
  return one(call, parts.join("&"));
};

export const urlCards: ReadonlyArray<readonly [string, CardFunction]> = [
  ["url:encodeComponent", encodeComponent],
  ["url:decodeComponent", decodeComponent],
  ["url:encode", encode],
];
