/**
 * Okta Tables (FLOPACK.md §3.4): column types, the column fields of Tables cards, and the hidden field a
 * search filter ("Where Expression") adds per condition on a card output.
 */
import type { Json, JsonObject } from "../util/json.js";
import type { ValueType } from "./conversion.js";
import { defaultData } from "./entries.js";

/** A column type as flow files name it (and as Tables cards type the column's fields). */
export type TableColumnType = "string" | "number" | "boolean" | "Date";

/** Per column type: the code a table's `data.structure[].type` stores, and the data of a field left empty. */
export const TABLE_COLUMN_TYPES: Readonly<Record<TableColumnType, { code: string; data: Json }>> = {
  string: { code: "str", data: "" },
  number: { code: "dec", data: 0 },
  boolean: { code: "bln", data: false },
  Date: { code: "dte", data: "" },
};

export function isTableColumnType(type: unknown): type is TableColumnType {
  return typeof type === "string" && Object.hasOwn(TABLE_COLUMN_TYPES, type);
}

/** The column type a stored code (`str`, `dec`, `bln`, `dte`) stands for; undefined for any other code. */
export function columnTypeOfCode(code: string): TableColumnType | undefined {
  return (Object.keys(TABLE_COLUMN_TYPES) as TableColumnType[]).find((t) => TABLE_COLUMN_TYPES[t].code === code);
}

/**
 * Tables cards whose "Fields" group holds one field per table column, by the side it is on: the rows written
 * (createRow, updateRow) or read (readRow, searchRows2).
 */
export const TABLE_COLUMN_SIDES: Readonly<Record<string, "inputs" | "outputs">> = {
  createRow: "inputs",
  updateRow: "inputs",
  readRow: "outputs",
  searchRows2: "outputs",
};

/**
 * A table column's field on a Tables card, as Okta writes it (all 129 column inputs and 66 column outputs of the
 * corpus have this shape): typed as the column, offering only that type, never "custom"; outputs have no index.
 */
export function tableColumnEntry(side: "inputs" | "outputs", key: string, type: string, index: number): JsonObject {
  return side === "inputs"
    ? {
        group: "Fields",
        key,
        value: { error: false, proxy: false, check: false, type, collection: false, data: null, available: [type] },
        required: false,
        ref: false,
        metadata: { index, optional: false },
        flags: "d",
      }
    : { group: "Fields", key, value: { error: false, type, collection: false, data: null, available: [type] }, ref: false, metadata: {} };
}

/** The field of column `key` as a Tables card has it when nothing is set: the column's empty data. */
export function emptyColumnEntry(side: "inputs" | "outputs", key: string, type: TableColumnType, index: number): JsonObject {
  const entry = tableColumnEntry(side, key, type, index);
  (entry.value as JsonObject).data = TABLE_COLUMN_TYPES[type].data;
  return entry;
}

/**
 * The comparisons of a search filter condition, as the expression stores them (`op`). The real exports hold
 * "=" 53, "!=" 8, "<" 3, "<=" 3, ">=" 2 (and ">" is the filter dialog's sixth comparison); no other op is seen.
 */
export const FILTER_OPERATORS: readonly string[] = ["=", "!=", "<", "<=", ">", ">="];

/** The group of a search filter's hidden fields. */
export const FILTER_FIELD_GROUP = "_expr";

/**
 * A search filter's hidden field: per condition on a card output, Okta adds one (keyed by the output's id,
 * wired from it, `metadata.method` naming the card), typed as the output.
 */
export function filterFieldEntry(
  key: string,
  value: { type: string | JsonObject; collection: boolean; data: Json; available: Json[] },
): JsonObject {
  return {
    group: FILTER_FIELD_GROUP,
    key,
    value: {
      error: false,
      proxy: false,
      check: false,
      type: value.type,
      collection: value.collection,
      data: value.data,
      available: value.available,
    },
    required: false,
    ref: false,
    metadata: { forceHide: true, method: null },
    flags: "d",
  };
}

/** What a hidden filter field holds: the type's empty value, null for dates and lists (31 + 7 of 48 in the corpus). */
export function hiddenFieldData(type: ValueType): Json {
  return type.collection || type.type === "Date" ? null : defaultData(type.type);
}
