/**
 * Tables cards on a table of this pack whose column fields are exactly the ones lower writes from the table
 * (one per column, in order, Okta's shape): written as `fields: {...}` (values only) instead of the fields.
 */
import type { ts } from "ts-morph";
import type { IrCard, IrPin, JsonObject } from "../ir/types.js";
import { actionKey, isConnectorCard } from "../shapes/address.js";
import { findEntry, sameEntry } from "../shapes/entries.js";
import { TABLES_CONNECTOR } from "../shapes/known-cards.js";
import { columnTypeOfCode, emptyColumnEntry, TABLE_COLUMN_SIDES, type TableColumnType } from "../shapes/tables.js";
import { jsonEqual } from "../util/json.js";
import { specKey, type CardModel } from "./card-model.js";
import { refExpr } from "./card-refs.js";
import { sameIgnoringIndex } from "./entry-shapes.js";
import type { FlowContext, IncomingPin } from "./flow-context.js";
import type { InputItem } from "./spec-inputs.js";
import { constant } from "./values.js";

export interface ColumnFields {
  /** The side lower writes the column fields on. */
  side: "inputs" | "outputs";
  /** Column name → value, for the columns given one. */
  values: Array<[string, ts.Expression]>;
  /** Pins written as column values. */
  inlined: IrPin[];
  /** The table's columns and their types: what the factory's type names the column outputs by. */
  columns: Array<{ name: string; type: TableColumnType }>;
}

/** The `fields` of a Tables card written in scope `scope`, or undefined when its fields must be written out. */
export function tableColumnFields(
  w: FlowContext,
  card: IrCard,
  m: CardModel,
  items: readonly InputItem[],
  scope: number,
  incoming: readonly IncomingPin[],
): ColumnFields | undefined {
  const action = actionKey(card.address);
  const side = TABLE_COLUMN_SIDES[action];
  if (!side || !isConnectorCard(card.address, TABLES_CONNECTOR)) return undefined;
  const tableItem = items.find((x) => x.option && x.key === "stash" && x.value?.kind === "table");
  if (!tableItem || tableItem.value?.kind !== "table") return undefined;
  const columns = w.pack.tableColumns(tableItem.value.table);
  if (!columns) return undefined;
  const other = side === "inputs" ? card.extraOutputs : card.extraInputs;
  if (other.some((x) => x.entry.group === "Fields")) return undefined;
  const extras = (side === "inputs" ? card.extraInputs : card.extraOutputs)
    .map((x, j) => ({ x, j }))
    .filter(({ x }) => x.entry.group === "Fields");
  // A Search Rows returning all matching rows: lower writes no column outputs beside its Rows.
  if (side === "outputs" && m.templateOutputs.some((e) => e.group === "Result" && e.key === "Rows"))
    return extras.length === 0 ? { side, values: [], inlined: [], columns: [] } : undefined;
  if (extras.length !== columns.length) return undefined;
  const templateInputs = m.inputs.filter((e) => e.template !== undefined).map((e) => e.entry);
  const allInputs = m.inputs.map((e) => e.entry);
  const values: Array<[string, ts.Expression]> = [];
  const inlined: IrPin[] = [];
  for (const [i, c] of columns.entries()) {
    const { x, j } = extras[i]!;
    const expected = emptyColumnEntry(side, c.name, columnTypeOfCode(c.type) ?? "string", side === "inputs" ? i + 1 : i);
    const emptyData = (expected.value as JsonObject).data!;
    if (!sameIgnoringIndex(expected, x.entry) || x.links || x.value.kind !== "json") return undefined;
    if (side === "outputs") {
      if (!jsonEqual(x.value.data, emptyData)) return undefined;
      continue;
    }
    const lowered = m.inputs.find((e) => e.extra === j);
    if (!lowered) return undefined;
    const pins = incoming.filter((p) => sameEntry(p.pin.input, lowered.ref));
    const hasValue = !jsonEqual(x.value.data, emptyData);
    if (!hasValue && pins.length === 0) continue;
    // lower finds a column value by its key only when no template input answers to that key.
    if (findEntry(templateInputs, c.name) >= 0) return undefined;
    if (pins.length === 1 && !hasValue) {
      const { source, pin } = pins[0]!;
      const ref =
        w.vars.isDeclared(source.ref) && w.index.scopeOfCard.get(source.ref) === scope ? refExpr(w, source, pin, lowered.type) : undefined;
      if (ref) {
        values.push([c.name, ref]);
        inlined.push(pin);
        continue;
      }
    }
    // Pins written with f.pin need the key to reach this field among all inputs.
    if (pins.length > 0 && specKey(allInputs, m.inputs.indexOf(lowered)) !== c.name) return undefined;
    if (hasValue) values.push([c.name, constant(w, x.value.data, lowered.entry)]);
  }
  return { side, values, inlined, columns: columns.map((c) => ({ name: c.name, type: columnTypeOfCode(c.type) ?? "string" })) };
}

/**
 * The column outputs a typed Tables factory's type lists (Read Row, Search Rows' first matching row: one per
 * column, src/dsl/table-cards.ts), as the outputs import may read by name (`row.username`).
 */
export function columnOutputs(
  columns: ColumnFields | undefined,
): Array<{ prop: string; group: string; key: string; types: Array<{ type: TableColumnType; collection: boolean }> }> {
  if (columns?.side !== "outputs") return [];
  return columns.columns.map((c) => ({ prop: c.name, group: "Fields", key: c.name, types: [{ type: c.type, collection: false }] }));
}
