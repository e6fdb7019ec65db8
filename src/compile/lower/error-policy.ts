/** A card's error policy (its "Error handling" dialog) → IR: retries, and the helper or inline flow that handles errors. */
import type { IrPolicy, IrScope, Json, JsonObject } from "../../ir/types.js";
import { cloneJson, isObject } from "../../util/json.js";
import { DslError } from "../../dsl/errors.js";
import type { CallSite, ErrorPolicy, FlowRefLike, InlineFlow } from "../../dsl/types.js";
import { isInline } from "../../dsl/inline.js";

export type FlowRefResolver = (f: FlowRefLike) => string;
export type InlineLowerer = (inline: InlineFlow) => IrScope;

export function policyOf(
  p: ErrorPolicy | undefined,
  flowRef: FlowRefResolver,
  lowerInline: InlineLowerer,
  site: CallSite | undefined,
): IrPolicy {
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
        if (isInline(h)) out.flo = { kind: "inline", scope: lowerInline(h) };
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
