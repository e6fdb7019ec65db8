/** Triggers other than schedules: what starts a flow (FLOPACK.md §3.2). */
import { DslError } from "./errors.js";
import { userCallSite } from "./site.js";
import type { CardSpec, CustomField, OktaType, Trigger } from "./types.js";

export type ParamType = "string" | "number" | "boolean" | "Date" | "object" | "string[]" | "number[]" | "boolean[]" | "Date[]" | "object[]";

function params(spec: Record<string, ParamType> | undefined, what: string): CustomField[] {
  const out: CustomField[] = [];
  for (const [key, type] of Object.entries(spec ?? {})) {
    const collection = type.endsWith("[]");
    const base = (collection ? type.slice(0, -2) : type) as OktaType;
    if (!["string", "number", "boolean", "Date", "object"].includes(base as string)) {
      throw new DslError(`${what} parameter ${JSON.stringify(key)}: unknown type ${JSON.stringify(type)}`, userCallSite());
    }
    out.push({ key, type: base, collection });
  }
  return out;
}

/** A helper flow: called by other flows (Call Flow, For Each, Map...) with these parameters. */
export function helperFlow(options: { params?: Record<string, ParamType> } = {}): Trigger {
  return { kind: "helper", params: params(options.params, "helper flow"), site: userCallSite() };
}

/** An API endpoint flow: `clientToken` (Okta's default, "medium") or `open` (no security). */
export function apiEndpoint(options: { security?: "clientToken" | "open" } = {}): Trigger {
  const security = options.security ?? "clientToken";
  if (security !== "clientToken" && security !== "open") throw new DslError(`apiEndpoint security must be "clientToken" or "open"`, userCallSite());
  return { kind: "apiEndpoint", security, site: userCallSite() };
}

/** A delegated flow, run by an admin from the Admin Console. */
export function delegatedFlow(options: { params?: Record<string, ParamType> } = {}): Trigger {
  return { kind: "delegated", params: params(options.params, "delegated flow"), site: userCallSite() };
}

/** No trigger: the flow is run by hand. */
export function manual(): Trigger {
  return { kind: "manual", site: userCallSite() };
}

/** An application event, e.g. `event(okta.userCreated({ connection: okta }))`. */
export function event(card: CardSpec<unknown>): Trigger {
  if (!card || card.kind !== "card") throw new DslError("event() takes an event card, e.g. event(okta.userCreated({ connection }))", userCallSite());
  return { kind: "event", card, site: userCallSite() };
}
