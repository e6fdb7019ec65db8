/**
 * A card's error policy (`policy`): nothing for Okta's default (halt), the structured form
 * `{ type: "halt" | "continue" | "helper", retry, delayMs, retryOnRateLimitOnly }` when lower writes exactly this
 * policy from it, else `{ type: "raw", error, handler, rest }`.
 */
import { ts } from "ts-morph";
import type { IrPolicy } from "../ir/types.js";
import { jsonEqual } from "../util/json.js";
import type { FlowContext } from "./flow-context.js";
import { literal, objectLiteral } from "./literal.js";
import { flowExpr } from "./values.js";

const f = ts.factory;

/** The `policy` prop of a card written in scope `scope`, or undefined for the default policy. */
export function policyExpr(w: FlowContext, p: IrPolicy, scope: number): ts.Expression | undefined {
  if (!p.flo && !p.rest && jsonEqual(p.error, { type: "finish" })) return undefined;
  const simple = simplePolicy(w, p);
  if (simple) return simple;
  const props: Array<[string, ts.Expression]> = [
    ["type", literal("raw")],
    ["error", literal(p.error)],
  ];
  if (p.flo) {
    if (p.flo.kind === "flow") props.push(["handler", flowExpr(w, p.flo.flow)]);
    else if (p.flo.kind === "inline") props.push(["handler", w.inlineFlow(p.flo.scope, scope)]);
    else
      props.push([
        "handler",
        objectLiteral([
          ["kind", literal("json")],
          ["data", literal(p.flo.data)],
        ]),
      ]);
  }
  if (p.rest) props.push(["rest", literal(p.rest)]);
  return objectLiteral(props, true);
}

function simplePolicy(w: FlowContext, p: IrPolicy): ts.Expression | undefined {
  const e = p.error;
  if (p.rest) return undefined;
  const type = e.type === "finish" ? "halt" : e.type === "return" ? "continue" : e.type === "flo" ? "helper" : undefined;
  if (!type || Object.keys(e).some((k) => !["type", "delay", "retry", "retryCondition", ...(type === "helper" ? ["flo"] : [])].includes(k)))
    return undefined;
  if (type === "helper" ? p.flo?.kind !== "flow" || e.flo !== null : p.flo !== undefined) return undefined;
  const props: Array<[string, ts.Expression]> = [["type", literal(type)]];
  if (type === "helper" && p.flo?.kind === "flow") props.push(["flow", flowExpr(w, p.flo.flow)]);
  const delay = e.delay;
  const delayOk =
    delay === undefined ||
    (typeof delay === "number" && Number.isFinite(delay)) ||
    (Array.isArray(delay) && delay.length === 2 && delay.every((d) => typeof d === "number"));
  if (!delayOk || (delay !== undefined && e.retry === undefined)) return undefined;
  if (e.retry !== undefined && typeof e.retry !== "number") return undefined;
  if (e.retryCondition !== undefined && e.retryCondition !== "ratelimits") return undefined;
  if (e.retry !== undefined && !(delay !== undefined && e.retry === 0)) props.push(["retry", literal(e.retry)]);
  if (delay !== undefined) props.push(["delayMs", literal(delay)]);
  if (e.retryCondition === "ratelimits") props.push(["retryOnRateLimitOnly", f.createTrue()]);
  return objectLiteral(props);
}
