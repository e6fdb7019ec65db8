/** Constant values and error policies shared by the lowering of cards. */
import type { IrPolicy, IrScope, Json, JsonObject } from "../ir/types.js";
import { cloneJson, isObject } from "../util/json.js";
import { DslError } from "../dsl/errors.js";
import { isRef } from "../dsl/handle.js";
import type { CallSite, ErrorPolicy, FlowRefLike, InlineFlow } from "../dsl/types.js";
import { isInline } from "../dsl/inline.js";

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

export type FlowRefResolver = (f: FlowRefLike) => string;
export type InlineLowerer = (inline: InlineFlow, path: string) => IrScope;

export function policyOf(p: ErrorPolicy | undefined, flowRef: FlowRefResolver, lowerInline: InlineLowerer, path: string, site: CallSite | undefined): IrPolicy {
  if (!p) return { error: { type: "finish" } };
  const retry = (q: { retry?: number; delayMs?: number | [number, number]; retryOnRateLimitOnly?: boolean }): JsonObject => {
    const out: JsonObject = {};
    if (q.delayMs !== undefined) out.delay = Array.isArray(q.delayMs) ? [q.delayMs[0], q.delayMs[1]] : q.delayMs;
    if (q.retry !== undefined || q.delayMs !== undefined) out.retry = q.retry ?? 0;
    if (q.retryOnRateLimitOnly) out.retryCondition = "ratelimits";
    return out;
  };
  switch (p.type) {
    case "halt":
      return { error: { type: "finish", ...retry(p) } };
    case "continue":
      return { error: { type: "return", ...retry(p) } };
    case "helper":
      return { error: { type: "flo", ...retry(p), flo: null }, flo: { kind: "flow", flow: flowRef(p.flow) } };
    case "raw": {
      if (!isObject(p.error)) throw new DslError("a raw error policy needs error: {...}", site);
      const out: IrPolicy = { error: cloneJson(p.error as JsonObject) };
      const h = p.handler;
      if (h !== undefined) {
        if (!("flo" in out.error)) out.error.flo = null;
        if (isInline(h)) out.flo = { kind: "inline", scope: lowerInline(h, path) };
        else if ((h as { kind?: unknown }).kind === "json") out.flo = { kind: "json", data: cloneJson((h as { data: Json }).data) };
        else out.flo = { kind: "flow", flow: flowRef(h as FlowRefLike) };
      }
      if (p.rest) out.rest = cloneJson(p.rest);
      return out;
    }
    default:
      throw new DslError(`unknown error policy ${JSON.stringify((p as { type?: unknown }).type)}`, site);
  }
}
