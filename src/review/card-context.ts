/**
 * What Okta puts in a card's context (entries of group "context": a scheduled flow's Current Time, a helper flow's
 * index / parent / error, every trigger's Execution ID) comes from the card's template, so a review shows it only
 * where it differs from what Okta gives that card: each entry whose type differs or that Okta does not give
 * (`context execution_time: Date (Okta gives string)`), and each one it gives that is missing. Inputs read `context input ...`.
 */
import { isKernel } from "./address.js";
import { sortedEntriesWhere } from "./entries.js";
import { fieldText } from "./field-text.js";
import { get, getPath, str } from "./json.js";
import type { FlowContext } from "./view-context.js";
import type { Card, Field } from "./view-types.js";

type Context = ReadonlyArray<readonly [key: string, text: string]>;

const EXECUTION_ID = ["execution_id", "string"] as const;
const ERROR = ["error", "object {execution, flo, message, method}"] as const;
const SCHEDULED: Context[] = [[["execution_time", "string"], EXECUTION_ID]];
const HELPER: Context[] = [
  [["index", "number"], ["parent", "object {execution_id, id, method, name}"], ERROR, EXECUTION_ID],
  [["index", "number"], ["parent", "object {execution_id, id, method, name, root_execution_id, root_wf_id, wf_id}"], ERROR, EXECUTION_ID],
];

/**
 * The contexts Okta gives a card: a start card's depend on how its flow starts (an event card's inputs have none);
 * other cards have none.
 */
function usualContexts(flow: FlowContext, card: Card, side: "inputs" | "outputs"): Context[] {
  const callable = isKernel(card.kind, "control", "callable");
  if (card === flow.trigger) {
    if (callable) return flow.scheduled === true ? SCHEDULED : HELPER;
    if (isKernel(card.kind, "control", "noop") || (!card.kind.kernel && side === "inputs")) return [[]];
    return [[EXECUTION_ID]];
  }
  return callable ? [[], [EXECUTION_ID], [ERROR]] : [[]]; // an inline flow's start card
}

/** Context entries a review may show (hidden ones and those wired through a wormhole are Okta's plumbing). */
function isShownContext(e: unknown): boolean {
  if (get(e, "group") !== "context") return false;
  const meta = get(e, "metadata");
  return get(meta, "forceHide") !== true && get(meta, "wormholeMethodId") === undefined;
}

function contextOf(flow: FlowContext, data: unknown): Context {
  return sortedEntriesWhere(flow.pack, data, isShownContext).map((e) => [str(get(e, "key")) ?? "?", fieldText(get(e, "value"))] as const);
}

function sameContext(a: Context, b: Context): boolean {
  return a.length === b.length && a.every(([k, t], i) => b[i]?.[0] === k && b[i]?.[1] === t);
}

/** Where `actual` differs from the closest usual context (the one sharing the most keys, the first on a tie). */
function differences(actual: Context, usual: Context[], label: string): Field[] {
  for (const u of usual) if (sameContext(u, actual)) return [];
  const shared = (u: Context) => u.filter(([k]) => actual.some(([a]) => a === k)).length;
  const closest = usual.reduce((best, u) => (shared(u) > shared(best) ? u : best), usual[0] ?? []);
  const expected = new Map(closest);
  const fields: Field[] = actual
    .filter(([k, t]) => expected.get(k) !== t)
    .map(([k, t]) => {
      const usualText = expected.get(k);
      return { input: `${label} ${k}`, value: usualText === undefined ? t : `${t} (Okta gives ${usualText})` };
    });
  const present = new Set(actual.map(([k]) => k));
  for (const [k, t] of closest) if (!present.has(k)) fields.push({ input: `${label} ${k}`, value: `missing (Okta gives ${t})` });
  return fields;
}

/** The card's context outputs and inputs, where they differ from what Okta gives it. */
export function contextChanges(flow: FlowContext, card: Card, method: unknown): Field[] {
  const model = getPath(method, "node", "model");
  return [
    ...differences(contextOf(flow, getPath(model, "outputs", "data")), usualContexts(flow, card, "outputs"), "context"),
    ...differences(contextOf(flow, getPath(model, "inputs", "data")), usualContexts(flow, card, "inputs"), "context input"),
  ];
}
