/**
 * Which props a factory takes together: the variants of a card (and the other versions a factory call may be
 * written on, `alternateVariants`) do not all have the same inputs, nor require the same ones. Slack's Send
 * Message to Channel has `channelId` and `channelType` only on its "Enter Channel ID" variant, and requires both
 * there; GitHub's Create File Content has `Branch Name` (required) only with `branchField: "Provide Branch"`.
 * A factory's props type is one member per distinct set of (input, required) its variants have, each member
 * saying the option values that pick it and `?: never` for the inputs it lacks: what type-checks is what the
 * build's variant choice (src/dsl/define-card.ts `chooseCardVariant`) writes on a card that has those inputs.
 */
import { isObject, jsonEqual, type Json, type JsonObject } from "../util/json.js";
import { alternateVariants } from "../catalog/factory-plan.js";
import type { CardShape, InputShape } from "../catalog/shape.js";
import type { CatalogEntry } from "../catalog/entry.js";
import { optionValues } from "../catalog/entry.js";
import type { Catalog } from "../catalog/store.js";
import { chooseCardVariant } from "../dsl/define-card.js";
import { unseenOptionValues, variantChoiceMeta } from "./option-outputs.js";

export interface PropsMember {
  /** The options whose value picks this member, with the values that do (`optional`: the option may be left out). */
  options: Array<{ specKey: string; values: Json[]; optional: boolean }>;
  /** The inputs the member has, by spec key: whether it requires them. */
  has: Map<string, boolean>;
}

/** The members of a factory's props, or [] when every variant has the same inputs (one plain interface). */
export function propsMembers(catalog: Catalog, shape: CardShape): PropsMember[] {
  const alternates = alternateVariants(catalog, shape);
  const entries: Array<{ entry: CatalogEntry; alternate: boolean }> = [
    ...catalog.variants(shape.address).map((entry) => ({ entry, alternate: false })),
    ...alternates.flatMap((a) => {
      const entry = catalog.get(a.address, a.variant);
      return entry && pickedAlone(shape, alternates, entry) ? [{ entry, alternate: true }] : [];
    }),
  ];
  // An alternate that requires an input the factory does not know cannot be written with the factory: its values
  // are left out of the types (the build says which input is missing).
  const unbuildable = entries.filter((e) => e.alternate && requiresUnknown(catalog, e.entry, shape.inputs));
  if (unbuildable.length > 0) entries.splice(0, entries.length, ...entries.filter((e) => !unbuildable.includes(e)));
  const groups = new Map<string, { has: Map<string, boolean>; entries: typeof entries }>();
  for (const e of entries) {
    const has = inputsOf(catalog, e.entry, shape.inputs);
    const id = JSON.stringify([...has].sort());
    const group = groups.get(id);
    if (group) group.entries.push(e);
    else groups.set(id, { has, entries: [e] });
  }
  if (groups.size < 2 && unbuildable.length === 0) return [];
  const list = [...groups.values()];
  const choiceOptions = shape.inputs.filter((i) => i.option && i.choices && i.choices.length > 0);
  const recordedBy = (es: typeof entries, key: string) => es.flatMap((e) => optionValues(e.entry, key));
  // An option picks members when the groups record different values of it.
  const picking = choiceOptions.filter((o) => {
    const sets = list.map((g) => recordedBy(g.entries, o.specKey));
    return sets.some((s) => s.length === 0 || !sameValues(s, sets[0]!));
  });
  // Values no export shows, of an option whose values give the card other outputs, are refused (option-outputs.ts).
  const unseen = unseenOptionValues(catalog, shape);
  const unrecorded = (o: InputShape) =>
    o
      .choices!.map((c) => c.value)
      .filter((v) => !entries.some((e) => optionValues(e.entry, o.specKey).some((x) => jsonEqual(x, v))))
      .filter((v) => !(unseen.get(o.specKey) ?? []).some((x) => jsonEqual(x, v)));
  const recordedByVersion = (key: string, v: Json) =>
    entries.some((e) => !e.alternate && optionValues(e.entry, key).some((x) => jsonEqual(x, v)));
  return list.map((g) => {
    // A value no variant records keeps the factory version's variants (a group of alternates only takes its own).
    const ofVersion = g.entries.some((e) => !e.alternate);
    const options: PropsMember["options"] = [];
    for (const o of picking) {
      const recorded = dedupe(recordedBy(g.entries, o.specKey));
      // Variants that record no value of the option take whatever value: no constraint.
      if (recorded.length === 0) continue;
      if (ofVersion) options.push({ specKey: o.specKey, values: inChoiceOrder(o, [...recorded, ...unrecorded(o)]), optional: !o.required });
      // An alternate is written for the values this version never records; its other values may be left out.
      else options.push({ specKey: o.specKey, values: recorded, optional: recorded.every((v) => recordedByVersion(o.specKey, v)) });
    }
    return { options, has: g.has };
  });
}

/** Whether an entry requires an input (no default, shown in the designer) that is none of the factory's inputs. */
function requiresUnknown(catalog: Catalog, entry: CatalogEntry, inputs: readonly InputShape[]): boolean {
  const contract = catalog.contract(entry.address);
  return templateInputs(entry).some((e) => {
    const group = typeof e.group === "string" ? e.group : null;
    const field = contract?.inputs.find((i) => i.key === e.key && i.group === group);
    if (!field || !field.required || field.default !== undefined || field.hidden) return false;
    return !inputs.some((x) => x.key === e.key && x.group === group);
  });
}

function templateInputs(entry: CatalogEntry): JsonObject[] {
  const node = isObject(entry.template.node) ? entry.template.node : {};
  const model = isObject(node.model) ? node.model : {};
  const side = isObject(model.inputs) && isObject(model.inputs.data) ? model.inputs.data : {};
  return Object.values(side).filter(isObject);
}

/** The factory's inputs a catalog entry has, with whether its contract requires each (a default counts as set). */
function inputsOf(catalog: Catalog, entry: CatalogEntry, inputs: readonly InputShape[]): Map<string, boolean> {
  const present = templateInputs(entry);
  const contract = catalog.contract(entry.address);
  const out = new Map<string, boolean>();
  for (const input of inputs) {
    if (!present.some((e) => e.key === input.key && (e.group ?? null) === input.group)) continue;
    const field = contract?.inputs.find((i) => i.key === input.key && i.group === input.group);
    out.set(input.specKey, field ? field.required && field.default === undefined : input.required);
  }
  return out;
}

/** The values in the order the designer lists its choices (values that are no choice last). */
function inChoiceOrder(o: InputShape, values: readonly Json[]): Json[] {
  const rank = (v: Json) => {
    const i = o.choices!.findIndex((c) => jsonEqual(c.value, v));
    return i < 0 ? o.choices!.length : i;
  };
  return dedupe(values).sort((a, b) => rank(a) - rank(b));
}

function dedupe(values: readonly Json[]): Json[] {
  const out: Json[] = [];
  for (const v of values) if (!out.some((x) => jsonEqual(x, v))) out.push(v);
  return out;
}

function sameValues(a: readonly Json[], b: readonly Json[]): boolean {
  const x = dedupe(a);
  const y = dedupe(b);
  return x.length === y.length && x.every((v) => y.some((w) => jsonEqual(v, w)));
}

/**
 * Whether a factory call asking for an alternate's option values that this version never records is written on
 * that alternate (the build takes the first alternate that fits, newest first: an older one may never be picked).
 */
function pickedAlone(shape: CardShape, alternates: ReturnType<typeof alternateVariants>, entry: CatalogEntry): boolean {
  const meta = variantChoiceMeta(shape, alternates);
  const own = (k: string, v: Json) => shape.variants.some((x) => (x.options[k] ?? []).some((y) => jsonEqual(y, v)));
  const asked: Record<string, Json> = {};
  for (const k of Object.keys(entry.options)) {
    const v = optionValues(entry, k).find((x) => !own(k, x));
    if (v !== undefined) asked[k] = v;
  }
  const chosen = chooseCardVariant(meta, asked);
  return chosen.address === entry.address && chosen.variant === entry.variant;
}
