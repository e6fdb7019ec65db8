/**
 * The entries of one side of a card: the template's (minus those the spec removes) followed by its custom
 * fields, each with the ref emit names it by. Custom fields become extra entries of the IR card.
 */
import type { IrCard, IrEntryRef, IrExtraEntry, JsonObject } from "../../ir/types.js";
import { cloneJson, isObject } from "../../util/json.js";
import { DslError } from "../../dsl/errors.js";
import type { CallSite, CardSpec, CustomField } from "../../dsl/types.js";
import { customEntry, MIRRORED_ACTIONS, type FieldSettings } from "../../shapes/custom-entry.js";
import { defaultData, entryRefs, findEntry, sideEntries } from "../../shapes/entries.js";
import { WORMHOLE_GROUP, wormholeEndOf, wormholeEntry } from "../../shapes/wormhole.js";
import { toJson } from "./constants.js";
import { fieldSettings } from "./field-settings.js";

export interface SideEntry {
  entry: JsonObject;
  ref: IrEntryRef;
  /** Custom fields only: the IR card's extra entry and the field it came from. */
  extra: IrExtraEntry | undefined;
  field: CustomField | undefined;
}

export function cardSide(
  card: IrCard,
  model: JsonObject,
  side: "inputs" | "outputs",
  remove: readonly string[] | undefined,
  action: string,
  fields: readonly CustomField[],
  site: CallSite | undefined,
  label: string,
): SideEntry[] {
  const tEntries = sideEntries(model, side);
  const tRefs = entryRefs(tEntries);
  const removed = new Set<number>();
  for (const key of remove ?? []) {
    const i = findEntry(tEntries, key);
    if (i < 0) throw new DslError(`${label}: cannot remove ${side.slice(0, -1)} ${JSON.stringify(key)}: the card has none`, site);
    removed.add(i);
    (side === "inputs" ? card.removedInputs : card.removedOutputs).push(tRefs[i]!);
  }
  const kept = tEntries.filter((_, i) => !removed.has(i));
  const extras = fields.map((f, j) => customExtra(action, side, f, kept.length + j, site, label));
  for (const x of extras) (side === "inputs" ? card.extraInputs : card.extraOutputs).push(x);
  const all = [...kept, ...extras.map((x) => x.entry)];
  const refs = entryRefs(all);
  return all.map((entry, i) => ({
    entry: i < kept.length ? entry : withValueData(extras[i - kept.length]!),
    ref: refs[i]!,
    extra: i < kept.length ? undefined : extras[i - kept.length],
    field: i < kept.length ? undefined : fields[i - kept.length],
  }));
}

/** The custom outputs of a card: as the spec lists them, else (cards whose outputs mirror their inputs) its inputs'. */
export function customOutputsOf(spec: CardSpec<unknown>, action: string): readonly CustomField[] {
  return spec.customOutputs ?? (MIRRORED_ACTIONS.has(action) ? (spec.customInputs ?? []).map(mirrorField) : []);
}

function customExtra(
  action: string,
  side: "inputs" | "outputs",
  c: CustomField,
  index: number,
  site: CallSite | undefined,
  label: string,
): IrExtraEntry {
  if (!c || typeof c.key !== "string") throw new DslError(`${label}: custom fields need a key`, site);
  let entry: JsonObject;
  const wormholeEnd = c.group === WORMHOLE_GROUP && c.wormhole !== undefined ? wormholeEndOf(action, side) : undefined;
  if (c.raw) {
    entry = cloneJson(toJson(c.raw, `field ${JSON.stringify(c.key)} of ${label}`, site) as JsonObject);
  } else if (wormholeEnd) {
    // A wormhole end written out (import does, where automatic wormholes would not give the same pairs).
    entry = wormholeEntry(wormholeEnd, c.key, c.type as string | JsonObject, c.collection ?? false);
    if (c.refFlag === true) entry.ref = true;
  } else {
    const collection = c.collection ?? false;
    entry = customEntry(action, side, {
      group: c.group ?? null,
      key: c.key,
      type: c.type as string | JsonObject,
      collection,
      data: collection ? [] : defaultData(c.type),
      index,
      ...(typeof c.displayName === "string" ? { displayName: c.displayName } : {}),
      ...(typeof c.description === "string" ? { description: c.description } : {}),
      ...(c.fromItem !== undefined ? { fromItem: c.fromItem } : {}),
      ...withSettings(fieldSettings(c, `field ${JSON.stringify(c.key)} of ${label}`, site)),
    });
  }
  const data = isObject(entry.value) && "data" in entry.value ? entry.value.data! : null;
  if (isObject(entry.value)) entry.value.data = null;
  return { entry, value: { kind: "json", data: cloneJson(data) } };
}

function withSettings(settings: FieldSettings | undefined): { settings?: FieldSettings } {
  return settings ? { settings } : {};
}

/** The entry as the card has it, its value's data included (the IR keeps the data apart). */
function withValueData(extra: IrExtraEntry): JsonObject {
  const e = cloneJson(extra.entry);
  if (isObject(e.value) && extra.value.kind === "json") e.value.data = cloneJson(extra.value.data);
  return e;
}

function mirrorField(f: CustomField): CustomField {
  const { value: _value, wormhole, source: _s, ...rest } = f;
  // A wormhole exit is an input and an output of the start card, both linked to the entrance's card.
  return f.group === WORMHOLE_GROUP && wormhole !== undefined && f.raw === undefined ? { ...rest, wormhole } : rest;
}
