/**
 * A flow's trigger, simulated: the test's `input` becomes the outputs of the flow's start card.
 * - Helper Flow, Scheduled Flow, Delegated Flow: the card's fields by key (or label): `{ group: {...} }`;
 *   a Scheduled Flow's "Current Time" is the virtual clock.
 * - API Endpoint: the request, `{ body, query, headers }`; the card's raw fields and its custom fields (groups
 *   body, query, headers) are read from it.
 * - an event card (User Created...): the event's fields by key (or label); the event wrapper (For Each - Ignore
 *   Errors) gets a list of that one event.
 * - Noop (a flow run by hand): nothing.
 * A key the start card has no field for, or a value of the wrong type, is a clear error before anything runs.
 */
import { SimulationStop } from "./errors.js";
import { callableOutputs } from "./helper-calls.js";
import { typeProblem } from "./mocks.js";
import type { CardPlan, OutputSlot } from "./plan.js";
import { isObj } from "./functions/values.js";
import { describeValue } from "./values.js";

export type TriggerKind = "helper" | "scheduled" | "api" | "delegated" | "event" | "manual";

export function triggerKind(card: CardPlan | undefined, scheduled: boolean): TriggerKind {
  if (!card) return "manual";
  switch (card.moduleKey) {
    case "control:callable":
      return scheduled ? "scheduled" : "helper";
    case "http:accept":
      return "api";
    case "http:delegated":
      return "delegated";
    case "control:noop":
      return "manual";
    default:
      return "event";
  }
}

const REQUEST_PARTS = ["body", "query", "headers"];

export function triggerOutputs(
  card: CardPlan,
  kind: TriggerKind,
  input: Record<string, unknown>,
  execution: string,
  now: string,
): unknown[] {
  const where = `the input of flow trigger "${card.name}"`;
  switch (kind) {
    case "manual":
      return card.outputs.map(() => undefined);
    case "api":
      return requestOutputs(card, input, execution, where);
    case "event":
      // The event's fields are declared by the flow's body (the event wrapper's start card), not by the event card.
      return card.outputs.map((o) => (o.key === "collection" ? [input] : o.key === "execution_id" ? execution : fieldValue(input, o)));
    default: {
      const fields = card.outputs.filter((o) => o.group !== "context" || o.key === "okta-user-id");
      checkFields(fields, input, where);
      return callableOutputs(card, input, { execution, executionTime: now }).map((v, i) =>
        v === undefined && card.outputs[i]!.key === "okta-user-id" ? fieldValue(input, card.outputs[i]!) : v,
      );
    }
  }
}

function fieldValue(input: Record<string, unknown>, o: OutputSlot): unknown {
  if (Object.hasOwn(input, o.key)) return input[o.key];
  if (Object.hasOwn(input, o.label)) return input[o.label];
  return undefined;
}

function checkFields(fields: readonly OutputSlot[], input: Record<string, unknown>, where: string): void {
  for (const key of Object.keys(input)) {
    const field = fields.find((o) => o.key === key) ?? fields.find((o) => o.label === key);
    if (!field) {
      const names = fields.filter((o) => !o.hidden).map((o) => JSON.stringify(o.key));
      throw new SimulationStop("invalid", `${where} has no field ${JSON.stringify(key)} (its fields: ${names.join(", ") || "none"})`);
    }
    const problem = typeProblem(input[key], field);
    if (problem) throw new SimulationStop("invalid", `${where}: field ${JSON.stringify(key)} ${problem}`);
  }
}

function requestOutputs(card: CardPlan, input: Record<string, unknown>, execution: string, where: string): unknown[] {
  for (const key of Object.keys(input)) {
    if (!REQUEST_PARTS.includes(key)) {
      throw new SimulationStop("invalid", `${where} is an HTTP request: { body, query, headers }; got a key ${JSON.stringify(key)}`);
    }
  }
  const body = input.body;
  const query = input.query;
  const headers = input.headers;
  for (const [name, part] of [
    ["query", query],
    ["headers", headers],
  ] as const) {
    if (part !== undefined && !isObj(part))
      throw new SimulationStop("invalid", `${where}: "${name}" must be an object, got ${describeValue(part)}`);
  }
  const parsedBody = typeof body === "string" ? tryParse(body) : body;
  const section = (group: string): Record<string, unknown> | undefined => {
    const v = group === "body" ? parsedBody : group === "query" ? query : headers;
    return isObj(v) ? v : undefined;
  };
  return card.outputs.map((o) => {
    if (o.group === "raw") {
      if (o.key === "body") return body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
      if (o.key === "query")
        return isObj(query) ? new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString() : "";
      if (o.key === "headers") return headers ?? {};
    }
    if (o.group === "context" && o.key === "execution_id") return execution;
    if (o.group !== null && REQUEST_PARTS.includes(o.group)) {
      const value = section(o.group)?.[o.key];
      const problem = typeProblem(value, o);
      if (problem) throw new SimulationStop("invalid", `${where}: ${o.group} field ${JSON.stringify(o.key)} ${problem}`);
      return value;
    }
    return undefined;
  });
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
