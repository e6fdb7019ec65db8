/**
 * The values a flow file gives a card, onto its entries: options and inputs by key, Tables columns, custom
 * fields' values, output values. A card output becomes a pending wire; anything else an IR value.
 */
import type { IrCard, IrDataId, IrEntryRef, IrValue, Json, JsonObject } from "../../ir/types.js";
import { jsonEqual } from "../../util/json.js";
import { DslError } from "../../dsl/errors.js";
import { isRef } from "../../dsl/handle.js";
import { idTarget } from "../../dsl/ids.js";
import { isConverted, isInline, isVerbatim } from "../../dsl/inline.js";
import type { CallSite, Card, CardSpec, CustomField, FlowRefLike, Table } from "../../dsl/types.js";
import { isTableFilter } from "../../dsl/where.js";
import type { ValueType } from "../../shapes/conversion.js";
import { dataOf, entryRefKey, findEntry, typeOf } from "../../shapes/entries.js";
import type { SideEntry } from "./card-entries.js";
import { checkConstant, toJson } from "./constants.js";
import { extractIds } from "./extract-ids.js";
import { linkCustomField } from "./field-links.js";
import { flowRef } from "./flow-index.js";
import { cardLink, resolveOutput } from "./lowered-cards.js";
import { tableRef } from "./pack-objects.js";
import type { FlowState, LoweredCard } from "./state.js";
import { lowerTableFilter, type FilterContext } from "./table-filter.js";
import { factoryMetaOf } from "../../dsl/define-card.js";
import { isConnectorCard } from "../../shapes/address.js";
import { TABLES_CONNECTOR } from "../../shapes/known-cards.js";
import { didYouMean } from "../../util/suggest.js";
import { checkChoice, choicesOf, columnsOf, factoryCheckedChoices, tableOfCard, unknownColumn } from "./choices.js";
import { attempt, Cascade } from "./diagnostics.js";

export function lowerCardValues(
  state: FlowState,
  lowered: LoweredCard,
  spec: CardSpec<unknown>,
  entries: { inputs: SideEntry[]; outputs: SideEntry[]; columnInputs: readonly CustomField[] },
  label: string,
): void {
  givenInputs(state, lowered, spec, entries.inputs, entries.columnInputs, label);
  customFieldValues(state, lowered.card, entries.inputs, "field", false, spec.site, label);
  outputValues(state, lowered.card, spec, entries.outputs, label);
  customFieldValues(state, lowered.card, entries.outputs, "output field", true, spec.site, label);
}

/** Options and inputs by key: a template entry, else (inputs only) a Tables column field. Each is lowered on its own. */
function givenInputs(
  state: FlowState,
  lowered: LoweredCard,
  spec: CardSpec<unknown>,
  inputs: SideEntry[],
  columnFields: readonly CustomField[],
  label: string,
): void {
  const given: Array<[string, unknown, boolean]> = [
    ...Object.entries(spec.options ?? {}).map(([k, v]): [string, unknown, boolean] => [k, v, true]),
    ...Object.entries(spec.inputs ?? {}).map(([k, v]): [string, unknown, boolean] => [k, v, false]),
  ];
  const templateInputs = inputs.filter((x) => !x.extra);
  const columnInputs = inputs.filter((x) => x.extra && x.field && columnFields.includes(x.field));
  for (const [key, value, isOption] of given) {
    if (value === undefined) continue;
    attempt(
      state.pack.diagnostics,
      () => givenInput(state, lowered, spec, { templateInputs, columnInputs }, [key, value, isOption], label),
      () => undefined,
    );
  }
}

function givenInput(
  state: FlowState,
  lowered: LoweredCard,
  spec: CardSpec<unknown>,
  entries: { templateInputs: SideEntry[]; columnInputs: SideEntry[] },
  [key, value, isOption]: [string, unknown, boolean],
  label: string,
): void {
  const card = lowered.card;
  const site = spec.site;
  const { templateInputs, columnInputs } = entries;
  const i = findEntry(
    templateInputs.map((x) => x.entry),
    key,
  );
  const column = i < 0 && !isOption ? columnInputs.find((x) => x.entry.key === key) : undefined;
  const table = tableOfCard(spec);
  if (column) {
    const what = `column ${JSON.stringify(key)} of ${label}`;
    lowered.given.add(entryRefKey(column.ref));
    const v = checkedValue(lowered, () => inputValue(state, card, column.ref, typeOf(column.entry), value, what, site), value);
    if (v) column.extra!.value = v;
    return;
  }
  if (i < 0) {
    if (table && !isOption && columnInputs.length > 0) throw unknownColumn(table, key, `${label} (${spec.address})`, site);
    const keys = templateInputs.map((x) => String(x.entry.key));
    const available = keys.map((k) => JSON.stringify(k)).join(", ") || "none";
    throw new DslError(
      `${label} (${spec.address}) has no ${isOption ? "option" : "input"} ${JSON.stringify(key)}; its inputs: ${available}${didYouMean(key, keys)}`,
      site,
    );
  }
  const x = templateInputs[i]!;
  lowered.given.add(entryRefKey(x.ref));
  const what = `${isOption ? "option" : "input"} ${JSON.stringify(x.entry.key)} of ${label}`;
  if (isConstant(value)) checkAllowed(x.entry, spec, table, value, what, site);
  const v = checkedValue(lowered, () => inputValue(state, card, x.ref, typeOf(x.entry), value, what, site), value);
  if (v && !(v.kind === "json" && jsonEqual(v.data, dataOf(x.entry)))) card.inputValues.push({ entry: x.ref, value: v });
}

/**
 * A constant must be one of the entry's choices; a Tables card's sort column one of its table's columns. The
 * template's choices there are the columns of the table it was learned from, which a real export may still sort
 * on after a rename (one does): those are let through.
 */
function checkAllowed(
  entry: JsonObject,
  spec: CardSpec<unknown>,
  table: Table | undefined,
  value: unknown,
  what: string,
  site: CallSite | undefined,
): void {
  if (isConnectorCard(spec.address, TABLES_CONNECTOR) && entry.key === "Column") {
    const offered = (choicesOf(entry) ?? []).some((c) => c.value === value);
    if (table && typeof value === "string" && value !== "" && !columnsOf(table).includes(value) && !offered)
      throw unknownColumn(table, value, what, site);
    return;
  }
  if (choicesOf(entry) !== undefined && !factoryCheckedChoices(factoryMetaOf(spec), entry)) checkChoice(entry, value, what, site);
}

/** A constant's value; on a suspect card (node.ts) a constant that does not fit is a consequence, not reported. */
function checkedValue(lowered: LoweredCard, lowerValue: () => IrValue | undefined, value: unknown): IrValue | undefined {
  if (!lowered.suspect || !isConstant(value)) return lowerValue();
  try {
    return lowerValue();
  } catch (error) {
    if (error instanceof DslError) throw new Cascade();
    throw error;
  }
}

/** A plain constant (not a wire, flow, table, inline flow, filter or verbatim value). */
function isConstant(value: unknown): boolean {
  if (isRef(value) || isConverted(value) || isInline(value) || isVerbatim(value) || isTableFilter(value)) return false;
  const kind = typeof value === "object" && value !== null ? (value as { kind?: unknown }).kind : undefined;
  return kind !== "flow" && kind !== "flowName" && kind !== "table";
}

/** Values of template outputs (rare: outputs that hold data in an export). */
function outputValues(state: FlowState, card: IrCard, spec: CardSpec<unknown>, outputs: SideEntry[], label: string): void {
  const templateOutputs = outputs.filter((x) => !x.extra);
  for (const [key, value] of Object.entries(spec.outputs ?? {}))
    attempt(
      state.pack.diagnostics,
      () => outputValue(key, value),
      () => undefined,
    );
  function outputValue(key: string, value: unknown): void {
    const i = findEntry(
      templateOutputs.map((x) => x.entry),
      key,
    );
    if (i < 0) throw new DslError(`${label} has no output ${JSON.stringify(key)}`, spec.site);
    const v = inputValue(
      state,
      card,
      templateOutputs[i]!.ref,
      typeOf(templateOutputs[i]!.entry),
      value,
      `output ${JSON.stringify(key)} of ${label}`,
      spec.site,
      true,
    );
    if (v) card.outputValues.push({ entry: templateOutputs[i]!.ref, value: v });
  }
}

/** Each custom field's value (a card output is wired into an input field; output fields take constants) and links. */
function customFieldValues(
  state: FlowState,
  card: IrCard,
  entries: SideEntry[],
  kind: string,
  isOutput: boolean,
  site: CallSite | undefined,
  label: string,
): void {
  for (const x of entries) {
    if (!x.extra || !x.field) continue;
    const f = x.field;
    const extra = x.extra;
    attempt(
      state.pack.diagnostics,
      () => {
        if (f.value !== undefined && !(isOutput && isRef(f.value))) {
          const type: ValueType = { type: f.type as ValueType["type"], collection: f.collection ?? false };
          const v = inputValue(state, card, x.ref, type, f.value, `${kind} ${JSON.stringify(f.key)} of ${label}`, site, isOutput);
          if (v) extra.value = v;
        }
        linkCustomField(state, extra, f, site);
      },
      () => undefined,
    );
  }
}

/** The IR value of a constant, or a pending wire for a card output (then undefined). */
function inputValue(
  state: FlowState,
  card: IrCard,
  entry: IrEntryRef,
  type: ValueType,
  value: unknown,
  what: string,
  site: CallSite | undefined,
  isOutput = false,
): IrValue | undefined {
  if (isRef(value) || isConverted(value)) {
    if (isOutput) throw new DslError(`${what}: outputs cannot be wired`, site);
    const ref = isConverted(value) ? value.ref : value;
    const transform = isConverted(value)
      ? value.convert === null
        ? null
        : value.convert === undefined
          ? { forceWrapArray: value.forceWrapArray }
          : { convert: value.convert, forceWrapArray: value.forceWrapArray }
      : undefined;
    state.pending.push({ source: ref, target: card, input: entry, inputType: type, transform, site, what });
    return undefined;
  }
  if (isInline(value)) return { kind: "inline", scope: state.lowerInline(state, value, state.byCard.get(card)) };
  if (isVerbatim(value)) return withIds(state, value.data, (v) => toJson(v, what, site), what, site);
  if (isTableFilter(value)) {
    state.pack.diagnostics.problemsOf(value);
    return lowerTableFilter(card, value, what, value.site ?? site, filterContext(state, card, what, site));
  }
  const kind = typeof value === "object" && value !== null ? (value as { kind?: unknown }).kind : undefined;
  if (kind === "flow" || kind === "flowName" || kind === "externalFlow")
    return { kind: "flow", flow: flowRef(state.pack.flows, value as FlowRefLike, site) };
  if (kind === "table") return { kind: "table", table: tableRef(state.pack.objects, value as Table) };
  return withIds(state, value, (v) => checkConstant(type, v, what, site), what, site);
}

/** A constant whose data may hold `idOf(...)` markers: the markers become ids resolved once the flow is lowered. */
function withIds(state: FlowState, value: unknown, toData: (v: unknown) => Json, what: string, site: CallSite | undefined): IrValue {
  const found = extractIds(value);
  if (found.markers.length === 0) return { kind: "json", data: toData(value) };
  const ids: IrDataId[] = found.markers.map((m) => ({ path: m.path, card: { dangling: "" } }));
  state.deferred.push(() => {
    found.markers.forEach((m, i) => {
      const target = idTarget(m.marker);
      if (isRef(target)) {
        const r = resolveOutput(state, target, what, site);
        ids[i] = { path: m.path, card: { ref: r.card }, output: r.output };
      } else ids[i] = { path: m.path, card: cardLink(state, target as Card<unknown>, site) };
    });
  });
  return { kind: "json", data: toData(found.data), ids };
}

function filterContext(state: FlowState, card: IrCard, what: string, site: CallSite | undefined): FilterContext {
  return {
    pin: (source, input) =>
      state.pending.push({ source, target: card, input, inputType: { type: "string", collection: false }, transform: null, site, what }),
    defer: (f) => state.deferred.push(f),
    resolve: (source) => resolveOutput(state, source, what, site),
    table: tableOfCard(state.byCard.get(card)?.node.spec),
    report: (e) => state.pack.diagnostics.report(e),
  };
}
