/**
 * A flow scope prepared for running, once, before any card runs: each card's fields resolved from its template
 * (slots), each input's sources (the pins into it, with their conversions), the kind of each card (which part of
 * the interpreter runs it), and the order the cards run in (lift's structure recovery: the start card, then the
 * chain along the orderings, If/Else blocks with the Join they meet at). Running a card then only reads arrays.
 */
import type { IrCard, IrFlow, IrScope, JsonObject } from "../ir/types.js";
import { parseAddress } from "../shapes/address.js";
import { entryRefKey } from "../shapes/entries.js";
import { indexScope, recoverStructure, type StructureStep } from "../lift/structure.js";
import { isObject } from "../util/json.js";
import { chain, looseConverter, pinTransform, type Converter, type SimFlags } from "./convert.js";
import { cardEntries, constantData, entryKey, type CardEntry } from "./entries.js";
import { SimulationStop } from "./errors.js";
import type { CardInput, CardOutput } from "./card-function.js";
import { traceKeys, type TraceKeys } from "./trace.js";
import { isEmpty } from "./functions/values.js";
import { cardKind, type CardKind } from "./interpreter-cards.js";

export type { CardKind };

export interface Source {
  readonly card: number;
  readonly output: number;
  readonly convert: Converter | undefined;
}

export interface InputSlot {
  /** The entry's (group, key, occurrence), as pins name it. */
  readonly ref: string;
  readonly group: string | null;
  readonly key: string;
  readonly label: string;
  /** Okta's primitive type ("object" for an object schema). */
  readonly type: string;
  readonly schema: JsonObject | undefined;
  readonly collection: boolean;
  /** A choice option (flags "p"). */
  readonly option: boolean;
  readonly custom: boolean;
  readonly hidden: boolean;
  readonly required: boolean;
  /** `metadata.index`: the field's place in the card's UI (If/ElseIf orders its conditions by it). */
  readonly index: number | undefined;
  /** The constant the card holds here; undefined when the field is empty. */
  readonly constant: unknown;
  /** A helper flow (flow ref) or an inline flow held by a `flo` field. */
  readonly flow: string | undefined;
  readonly inline: IrScope | undefined;
  /** For Each / Map / Filter / Reduce arguments: the list item (or a field of it) this argument takes. */
  readonly item: { path: string } | undefined;
  readonly wormhole: boolean;
  /** Pins into this field (several only on Join fields: one per branch). */
  readonly sources: Source[];
  /** Loose conversion toward the field's type, applied to constants as to wired values. */
  readonly loose: Converter | undefined;
}

export interface OutputSlot {
  readonly ref: string;
  readonly group: string | null;
  readonly key: string;
  readonly label: string;
  readonly type: string;
  readonly schema: JsonObject | undefined;
  readonly collection: boolean;
  readonly custom: boolean;
  readonly hidden: boolean;
  /** Object Expand outputs: the path read, and whether this is the path itself (`key`) or the value. */
  readonly expand: { path: readonly string[]; isKey: boolean } | undefined;
}

export interface CardPlan {
  readonly index: number;
  readonly card: IrCard;
  readonly kind: CardKind;
  readonly address: string;
  /** `module:key` (`string:concat`, `okta:readUser`), the version-independent card type. */
  readonly moduleKey: string;
  /** The connector of a connector card. */
  readonly connector: string | undefined;
  readonly name: string;
  readonly inputs: readonly InputSlot[];
  readonly outputs: readonly OutputSlot[];
  /** Join cards: each input and the outputs it hands its value to. */
  readonly joins: ReadonlyArray<{ input: number; outputs: readonly number[] }>;
  /** The fields' keys in the trace (labels, made unique). */
  readonly keys: TraceKeys;
  /** What a library function is told of the card's fields (values aside). */
  readonly call: { readonly inputs: ReadonlyArray<Omit<CardInput, "value">>; readonly outputs: readonly CardOutput[] };
}

export interface StepPlan {
  readonly card: number;
  readonly blocks: ReadonlyArray<{ readonly value: unknown; readonly steps: readonly StepPlan[] }>;
}

export interface ScopePlan {
  readonly flow: IrFlow;
  readonly cards: readonly CardPlan[];
  /** The start card (a flow's trigger, an inline flow's Helper Flow card). */
  readonly root: number | undefined;
  /** What runs after the start card, in order. */
  readonly steps: readonly StepPlan[];
}

export type TemplateLookup = (address: string, variant: string) => JsonObject | undefined;

export function planScope(flow: IrFlow, scope: IrScope, templates: TemplateLookup, flags: SimFlags): ScopePlan {
  const index = new Map<string, number>();
  scope.cards.forEach((c, i) => {
    if (!index.has(c.ref)) index.set(c.ref, i);
  });
  const structure = recoverStructure(indexScope(scope));
  const rootRef = structure.root?.card.ref;
  const cards = scope.cards.map((card, i) => planCard(flow, card, i, card.ref === rootRef, templates, flags));
  for (const card of scope.cards) wirePins(card, cards, index, flags);
  const toStep = (s: StructureStep<IrCard>): StepPlan => ({
    card: index.get(s.card.ref)!,
    blocks: s.blocks.map((b) => ({ value: b.branch.value, steps: b.steps.map(toStep) })),
  });
  return {
    flow,
    cards,
    root: rootRef === undefined ? undefined : index.get(rootRef),
    steps: structure.steps.map(toStep),
  };
}

function planCard(flow: IrFlow, card: IrCard, index: number, isRoot: boolean, templates: TemplateLookup, flags: SimFlags): CardPlan {
  const template = templates(card.address, card.variant);
  if (!template) {
    throw new SimulationStop(
      "invalid",
      `card "${card.name}" in flow "${flow.name}": no catalog template for ${card.address} (variant ${card.variant})`,
    );
  }
  const a = parseAddress(card.address);
  const moduleKey = a?.moduleKey ?? card.address;
  const connector = a?.kind === "connector" ? a.module : undefined;
  const inputs = cardEntries(card, template, "inputs").map((e) => inputSlot(e, flags));
  const outputs = cardEntries(card, template, "outputs").map(outputSlot);
  const joins = card.joins.map((j) => ({
    input: slotIndex(inputs, entryRefKey(j.input)),
    outputs: j.links.map((l) => slotIndex(outputs, entryRefKey(l.output))).filter((o) => o >= 0),
  }));
  return {
    index,
    card,
    kind: cardKind(moduleKey, isRoot, connector),
    keys: traceKeys(inputs, outputs),
    call: {
      inputs: inputs.map((s) => ({
        group: s.group,
        key: s.key,
        type: s.type,
        collection: s.collection,
        option: s.option,
        custom: s.custom,
      })),
      outputs: outputs.map((o) => ({
        group: o.group,
        key: o.key,
        type: o.type,
        collection: o.collection,
        custom: o.custom,
        ...(o.schema ? { schema: o.schema } : {}),
      })),
    },
    address: card.address,
    moduleKey,
    connector,
    name: card.name,
    inputs,
    outputs,
    joins: joins.filter((j) => j.input >= 0),
  };
}

interface ValueShape {
  type: string;
  schema: JsonObject | undefined;
  collection: boolean;
}

function shapeOf(entry: JsonObject): ValueShape {
  const v = isObject(entry.value) ? entry.value : {};
  const schema = isObject(v.type) ? v.type : undefined;
  return { type: schema ? "object" : typeof v.type === "string" ? v.type : "string", schema, collection: v.collection === true };
}

function labelOf(entry: JsonObject, key: string): string {
  const meta = isObject(entry.metadata) ? entry.metadata : {};
  return typeof meta.displayname === "string" && meta.displayname.trim() !== "" ? meta.displayname.trim() : key;
}

function isHidden(entry: JsonObject): boolean {
  const meta = isObject(entry.metadata) ? entry.metadata : {};
  return meta.forceHide === true || meta.displayed === false;
}

function inputSlot(e: CardEntry, flags: SimFlags): InputSlot {
  const shape = shapeOf(e.entry);
  const meta = isObject(e.entry.metadata) ? e.entry.metadata : {};
  const v = isObject(e.entry.value) ? e.entry.value : {};
  const proxy = isObject(v.proxy) && v.proxy.dynamic === true ? { path: typeof v.proxy.path === "string" ? v.proxy.path : "" } : undefined;
  const key = entryKey(e);
  let constant: unknown;
  let flow: string | undefined;
  let inline: IrScope | undefined;
  let table: string | undefined;
  switch (e.value.kind) {
    case "json": {
      const data = constantData(e.value.data, e.value.ids);
      constant = isEmpty(data) ? undefined : data;
      break;
    }
    case "flow":
      flow = e.value.flow;
      constant = flow;
      break;
    case "inline":
      inline = e.value.scope;
      break;
    case "table":
      table = e.value.table;
      constant = table;
      break;
  }
  const loose = looseConverter(shape.type, shape.collection, flags);
  return {
    ref: entryRefKey(e.ref),
    group: typeof e.entry.group === "string" ? e.entry.group : null,
    key,
    label: labelOf(e.entry, key),
    ...shape,
    option: e.entry.flags === "p",
    custom: meta.custom === true,
    hidden: isHidden(e.entry),
    required: e.entry.required === true,
    index: typeof meta.index === "number" ? meta.index : undefined,
    constant: loose && constant !== undefined ? loose(constant) : constant,
    flow,
    inline,
    item: proxy,
    wormhole: "wormholeMethodId" in meta,
    sources: [],
    loose,
  };
}

function outputSlot(e: CardEntry): OutputSlot {
  const meta = isObject(e.entry.metadata) ? e.entry.metadata : {};
  const key = entryKey(e);
  const path = Array.isArray(meta.path) && meta.path.every((p) => typeof p === "string") ? (meta.path as string[]) : undefined;
  return {
    ref: entryRefKey(e.ref),
    group: typeof e.entry.group === "string" ? e.entry.group : null,
    key,
    label: labelOf(e.entry, key),
    ...shapeOf(e.entry),
    custom: meta.custom === true,
    hidden: isHidden(e.entry),
    expand: path ? { path, isKey: key === "key" } : undefined,
  };
}

/** Records each pin of `card` on the input it feeds. */
function wirePins(card: IrCard, cards: CardPlan[], index: Map<string, number>, flags: SimFlags): void {
  const from = cards[index.get(card.ref)!]!;
  for (const pin of card.pins) {
    const target = index.get(pin.target);
    if (target === undefined) continue;
    const to = cards[target]!;
    const output = slotIndex(from.outputs, entryRefKey(pin.output));
    const input = slotIndex(to.inputs, entryRefKey(pin.input));
    if (output < 0 || input < 0) continue;
    const slot = to.inputs[input]!;
    const transform = pin.transform && flags.autoTransform ? pinTransform(pin.transform.convert, pin.transform.forceWrapArray) : undefined;
    slot.sources.push({ card: from.index, output, convert: chain(transform, slot.loose) });
  }
}

function slotIndex(slots: ReadonlyArray<{ ref: string }>, ref: string): number {
  for (let i = 0; i < slots.length; i++) if (slots[i]!.ref === ref) return i;
  return -1;
}
