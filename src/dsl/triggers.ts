/** Triggers other than schedules: what starts a flow (FLOPACK.md §3.2). */
import { DslError } from "./errors.js";
import { userCallSite } from "./site.js";
import type { CardSpec, CustomField, OktaDate, OktaObject, OktaType, Trigger } from "./types.js";
import type { InlineShapeChanges } from "../shapes/inline-flow.js";
import type { EventFields } from "./define-card.js";

type RequiredParamType =
  "string" | "number" | "boolean" | "Date" | "object" | "string[]" | "number[]" | "boolean[]" | "Date[]" | "object[]";
/**
 * A parameter's type; `?` at the end (`"string?"`) lets a calling card leave it unmapped (a helper flow's
 * parameters are otherwise all mapped by every card that calls it: the build checks).
 */
export type ParamType = RequiredParamType | `${RequiredParamType}?`;

type ParamTs<P> = P extends `${infer E}?`
  ? ParamTs<E>
  : P extends `${infer E}[]`
    ? ParamTs<E>[]
    : P extends "string"
      ? string
      : P extends "number"
        ? number
        : P extends "boolean"
          ? boolean
          : P extends "Date"
            ? OktaDate
            : OktaObject;
/** The outputs a trigger declares with parameters / fields: one typed output per name. */
export type ParamOutputs<P> = { [K in keyof P]: ParamTs<P[K]> };
/** Outputs every flow start card has. */
export interface ContextOutputs {
  executionId: string;
}

function params(spec: Record<string, ParamType> | undefined, what: string): { fields: CustomField[]; optional: string[] } {
  const fields: CustomField[] = [];
  const optional: string[] = [];
  for (const [key, given] of Object.entries(spec ?? {})) {
    const type = typeof given === "string" && given.endsWith("?") ? given.slice(0, -1) : given;
    if (type !== given) optional.push(key);
    const collection = typeof type === "string" && type.endsWith("[]");
    const base = (collection ? type.slice(0, -2) : type) as OktaType;
    if (!["string", "number", "boolean", "Date", "object"].includes(base as string)) {
      throw new DslError(`${what} parameter ${JSON.stringify(key)}: unknown type ${JSON.stringify(given)}`, userCallSite());
    }
    fields.push({ key, type: base, collection });
  }
  return { fields, optional };
}

/** A helper flow: called by other flows (Call Flow, For Each, Map...) with these parameters. */
export function helperFlow<const P extends Record<string, ParamType> = Record<never, never>>(
  options: { params?: P } = {},
): Trigger<ParamOutputs<P> & ContextOutputs & { index: number; parent: OktaObject; error: OktaObject }> {
  const { fields, optional } = params(options.params, "helper flow");
  return { kind: "helper", params: fields, ...(optional.length > 0 ? { optional } : {}), site: userCallSite() };
}

/**
 * An API endpoint flow: `clientToken` (Okta's default, "medium") or `open` (no security). `body`, `query` and
 * `headers` declare the request fields the flow reads (`f.trigger.<field>`).
 */
export function apiEndpoint<
  const B extends Record<string, ParamType> = Record<never, never>,
  const Q extends Record<string, ParamType> = Record<never, never>,
  const H extends Record<string, ParamType> = Record<never, never>,
>(
  options: { security?: "clientToken" | "open"; body?: B; query?: Q; headers?: H } = {},
): Trigger<ParamOutputs<B> & ParamOutputs<Q> & ParamOutputs<H> & ContextOutputs> {
  const site = userCallSite();
  const security = options.security ?? "clientToken";
  if (security !== "clientToken" && security !== "open") throw new DslError(`apiEndpoint security must be "clientToken" or "open"`, site);
  const fields: CustomField[] = [];
  for (const group of ["body", "query", "headers"] as const) {
    for (const f of params(options[group], `API endpoint ${group}`).fields) fields.push({ ...f, group });
  }
  return { kind: "apiEndpoint", security, fields, site };
}

/** A delegated flow, run by an admin from the Admin Console. */
export function delegatedFlow<const P extends Record<string, ParamType> = Record<never, never>>(
  options: { params?: P } = {},
): Trigger<ParamOutputs<P> & ContextOutputs> {
  return { kind: "delegated", params: params(options.params, "delegated flow").fields, site: userCallSite() };
}

/** No trigger: the flow is run by hand. */
export function manual(): Trigger<Record<never, never>> {
  return { kind: "manual", site: userCallSite() };
}

/**
 * An application event, e.g. `event(okta.userCreated({ connection: okta }))`. The event's fields are outputs of
 * the trigger, typed by the event card's factory: `f.trigger.message`, `f.trigger.oktaUser` (its object schema:
 * `f.expand(f.trigger.oktaUser, { id: "ID" })`); fields the factory does not list: `f.trigger.$custom("key")`.
 */
export function event<E extends object = Record<never, never>>(
  card: CardSpec<unknown> & EventFields<E>,
  options: EventOptions = {},
): Trigger<E & ContextOutputs> {
  const site = userCallSite();
  if (!card || card.kind !== "card") throw new DslError("event() takes an event card, e.g. event(okta.userCreated({ connection }))", site);
  if (options.wrapperVariant !== undefined && typeof options.wrapperVariant !== "string")
    throw new DslError("event(): wrapperVariant must be a catalog variant id", site);
  if (options.inline !== undefined && (typeof options.inline !== "object" || options.inline === null || Array.isArray(options.inline)))
    throw new DslError("event(): inline must be an object", site);
  return {
    kind: "event",
    card,
    site,
    ...(options.wrapperVariant !== undefined ? { wrapperVariant: options.wrapperVariant } : {}),
    ...(options.inline !== undefined ? { inline: options.inline } : {}),
  };
}

export interface EventOptions {
  /**
   * The catalog variant of the hidden "For Each - Ignore Errors" card Okta wraps event flows in (older exports
   * have older variants; `flocode catalog list` shows them). Default: the newest.
   */
  wrapperVariant?: string;
  /** Changes to the wrapper's inline flow object's usual keys (see `inline`; import writes them for odd exports). */
  inline?: InlineShapeChanges;
}
