/** Constants a flow file gives: checked to be plain JSON, and of the type of the input they are given to. */
import type { Json, JsonObject } from "../../ir/types.js";
import { DslError } from "../../dsl/errors.js";
import { isRef } from "../../dsl/handle.js";
import type { CallSite } from "../../dsl/types.js";
import type { ValueType } from "../../shapes/conversion.js";

export function describeJs(v: unknown): string {
  if (Array.isArray(v)) return "a list";
  if (v === null) return "null";
  if (typeof v === "object") return (v as { kind?: unknown }).kind ? `a ${String((v as { kind: unknown }).kind)}` : "an object";
  return `${typeof v} ${JSON.stringify(v)}`;
}

/** Plain JSON only: functions, class instances, cycles and non-finite numbers are refused. */
export function toJson(value: unknown, what: string, site: CallSite | undefined, depth = 0): Json {
  if (depth > 200) throw new DslError(`${what}: value is nested too deeply`, site);
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new DslError(`${what}: ${value} is not a JSON number`, site);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => toJson(v, what, site, depth + 1));
  if (typeof value === "object" && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) {
    if (isRef(value)) throw new DslError(`${what}: a card output cannot be nested inside a constant; wire it to its own input`, site);
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      Object.defineProperty(out, k, { value: toJson(v, what, site, depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  throw new DslError(`${what}: ${describeJs(value)} is not JSON data`, site);
}

/** A constant given to an entry of `type`: an error naming what was expected when it does not fit. */
export function checkConstant(type: ValueType, value: unknown, what: string, site: CallSite | undefined): Json {
  const t = typeof type.type === "string" ? type.type : "object";
  if (value === null) return null;
  const bad = (expected: string): never => {
    throw new DslError(`${what} must be ${expected}, got ${describeJs(value)}`, site);
  };
  if (type.collection) {
    if (!Array.isArray(value)) bad(`a list (${t}[])`);
    return toJson(value, what, site);
  }
  switch (t) {
    case "string":
    case "Date":
      if (typeof value !== "string") bad(t === "Date" ? "an ISO date-time string" : "a string");
      break;
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) bad("a number");
      break;
    case "boolean":
      if (typeof value !== "boolean") bad("true or false");
      break;
    case "object":
      if (typeof value !== "object" || Array.isArray(value)) bad("an object");
      break;
    case "flo":
      bad("a flow (made with flow(...), flowNamed(...) or externalFlow(...))");
      break;
    default:
      break;
  }
  return toJson(value, what, site);
}
