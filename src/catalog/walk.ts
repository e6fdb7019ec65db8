/**
 * Visits every card of a flopack: the cards of every flow and, recursively, the cards of inline flows
 * (a `flo` input whose `value.data` is a flow object, and `policy.error.flo` objects; FLOPACK.md §6).
 * Input is untrusted: anything that is not the expected shape is skipped.
 */
import type { JsonObject } from "../util/json.js";
import { isObject } from "../util/json.js";

/** Inline flows nest 2 deep in real exports; anything beyond this is hostile input. */
const MAX_DEPTH = 64;

export interface CardVisit {
  card: JsonObject;
  /** Name of the top-level flow the card belongs to (inline flows included). */
  flowName: string;
  /** 0 for top-level cards, 1 inside an inline flow, ... */
  depth: number;
}

export function forEachCard(flopack: unknown, visit: (v: CardVisit) => void): void {
  if (!isObject(flopack) || !isObject(flopack.data) || !isObject(flopack.data.flos)) return;
  const flos = flopack.data.flos;
  for (const key of Object.keys(flos)) {
    const flo = flos[key];
    if (!isObject(flo) || !isObject(flo.data)) continue;
    const flowName = typeof flo.name === "string" ? flo.name : "";
    walkMethods(flo.data.methods, flowName, 0, visit);
  }
}

function walkMethods(methods: unknown, flowName: string, depth: number, visit: (v: CardVisit) => void): void {
  if (!Array.isArray(methods) || depth > MAX_DEPTH) return;
  for (const card of methods) {
    if (!isObject(card)) continue;
    visit({ card, flowName, depth });
    for (const inline of inlineFlowsOf(card)) walkMethods(inline.methods, flowName, depth + 1, visit);
  }
}

/** The inline flow objects a card holds, in a stable order (inputs in storage order, then the error policy). */
export function inlineFlowsOf(card: JsonObject): JsonObject[] {
  const out: JsonObject[] = [];
  const model = isObject(card.node) && isObject(card.node.model) ? card.node.model : undefined;
  if (!model) return out;
  const inputs = isObject(model.inputs) && isObject(model.inputs.data) ? model.inputs.data : {};
  for (const key of Object.keys(inputs)) {
    const entry = inputs[key];
    if (!isObject(entry) || !isObject(entry.value)) continue;
    if (entry.value.type === "flo" && isObject(entry.value.data)) out.push(entry.value.data);
  }
  const error = isObject(model.policy) && isObject(model.policy.error) ? model.policy.error : undefined;
  if (error && isObject(error.flo)) out.push(error.flo);
  return out;
}
