/**
 * A few function cards written here, so that the interpreter's tests do not depend on the function-card
 * library (which has its own conformance tests): To Lower Case, Concatenate, Add, Length, Stringify, Get.
 */
import { CardFailure, type CardCall, type CardFunction, type CardLibrary } from "../../src/simulate/card-function.js";

const arg = (call: CardCall, key: string): unknown => call.inputs.find((i) => i.key === key)?.value;
const text = (v: unknown): string => (v === undefined || v === null ? "" : String(v));

const cards: Record<string, CardFunction> = {
  "string:toLowerCase": (call) => [text(arg(call, "string")).toLowerCase()],
  "string:concat": (call) => [
    call.inputs
      .filter((i) => !i.option)
      .map((i) => text(i.value))
      .join(""),
  ],
  "string:length": (call) => [text(arg(call, "string")).length],
  "math:add": (call) => {
    const a = arg(call, "a");
    const b = arg(call, "b");
    if (typeof a !== "number" || typeof b !== "number")
      throw new CardFailure(`Add needs two numbers, got ${typeof a} and ${typeof b}`, 400);
    return [a + b];
  },
  "json:stringify": (call) => [JSON.stringify(arg(call, "object") ?? null)],
  "object:get": (call) => {
    const o = arg(call, "object") as Record<string, unknown> | undefined;
    return [o?.[text(arg(call, "path"))]];
  },
};

export const fakeLibrary: CardLibrary = new Map(Object.entries(cards));
