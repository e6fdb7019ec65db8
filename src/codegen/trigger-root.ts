/**
 * What the flow's root card lets the trigger helper say for it (see trigger.ts): the params of
 * `helperFlow({ params })`, `apiEndpoint({ body, query, headers })` or `delegatedFlow({ params })` when the
 * root's custom fields are exactly what the helper makes, and whether the root is exactly lower's own.
 */
import type { Catalog } from "../catalog/store.js";
import type { IrCard, Json } from "../ir/types.js";
import { actionKey } from "../shapes/address.js";
import { customEntry } from "../shapes/custom-entry.js";
import { modelOf } from "../shapes/entries.js";
import { ACCEPT_ADDRESS, CALLABLE_ADDRESS, DELEGATED_ADDRESS, HELPER_FLOW_NAME } from "../shapes/known-cards.js";
import { isObject, jsonEqual } from "../util/json.js";
import type { CardModel } from "./card-model.js";
import { defaultDataOf, isBare, mirrorsInputs, sameIgnoringIndex } from "./entry-shapes.js";

export interface TriggerParam {
  group: string | null;
  key: string;
  /** The field's type, `[]` appended for a list. */
  type: string;
  /** A helper-flow parameter a calling card may leave unmapped. */
  optional?: boolean;
}

const TRIGGER_ROOTS: Record<string, { name?: string; groups: ReadonlyArray<string | null> }> = {
  [CALLABLE_ADDRESS]: { name: HELPER_FLOW_NAME, groups: [null] },
  [ACCEPT_ADDRESS]: { groups: ["body", "query", "headers"] },
  [DELEGATED_ADDRESS]: { groups: ["inputs"] },
};

/** The root's custom fields, by group, when the trigger helper makes exactly them; undefined otherwise. */
export function triggerParams(root: IrCard, m: CardModel, catalog: Catalog): TriggerParam[] | undefined {
  const kind = TRIGGER_ROOTS[root.address];
  if (!kind || root.extraInputs.length === 0) return undefined;
  if (root.name !== (kind.name ?? m.template.name)) return undefined;
  const variant = catalog.variants(root.address).filter((c) => root.address !== CALLABLE_ADDRESS || c.name === kind.name)[0]?.variant;
  if (root.variant !== variant) return undefined;
  const { extraInputs, extraOutputs: _extraOutputs, ...rest } = root;
  if (!isBare({ ...rest, extraInputs: [], extraOutputs: [] }) || !mirrorsInputs(root)) return undefined;
  const action = actionKey(root.address);
  const out: TriggerParam[] = [];
  const seen = new Set<string>();
  for (const x of extraInputs) {
    const v = isObject(x.entry.value) ? x.entry.value : {};
    const t = typeof v.type === "string" ? v.type : undefined;
    const group = typeof x.entry.group === "string" ? x.entry.group : null;
    const key = typeof x.entry.key === "string" ? x.entry.key : undefined;
    if (
      !t ||
      !["string", "number", "boolean", "Date", "object"].includes(t) ||
      key === undefined ||
      !kind.groups.includes(group) ||
      x.links
    )
      return undefined;
    const collection = v.collection === true;
    const data = collection ? [] : defaultDataOf(t);
    if (x.value.kind !== "json" || !jsonEqual(x.value.data, data)) return undefined;
    // The trigger helpers write no group for helper params and "inputs" for delegated ones.
    const entryGroup = root.address === CALLABLE_ADDRESS ? null : root.address === DELEGATED_ADDRESS ? null : group;
    if (!sameIgnoringIndex(customEntry(action, "inputs", { group: entryGroup, key, type: t, collection, data, index: 0 }), x.entry))
      return undefined;
    if (seen.has(`${group}\u0000${key}`)) return undefined;
    seen.add(`${group}\u0000${key}`);
    out.push({ group, key, type: collection ? `${t}[]` : t });
  }
  return out;
}

/** Whether the root is exactly what lower builds for the trigger (template name and variant, no instance data). */
export function isVanillaRoot(card: IrCard, m: CardModel, expected: { name?: string; variant?: string; comments?: Json }): boolean {
  if (expected.variant !== undefined && expected.variant !== card.variant) return false;
  if (card.name !== (expected.name ?? m.template.name)) return false;
  const comments = card.comments ?? modelOf(m.template.template).comments;
  if (expected.comments !== undefined ? !jsonEqual(comments, expected.comments) : card.comments !== undefined) return false;
  // comments are compared above (an event flow's root repeats the event card's own)
  return isBare({ ...card, comments: undefined });
}
