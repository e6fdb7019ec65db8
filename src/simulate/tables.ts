/**
 * In-memory Workflows Tables for one simulated run: the pack's tables (id, name, columns), seeded with rows by
 * the test. Tables cards (`stash:*`) read and write them through `CardEnvironment.tables`; this module holds the
 * rows' rules: ids, column types, and the search filter ("Where Expression") and sort of Search Rows.
 */
import { columnTypeOfCode, isTableColumnType, type TableColumnType } from "../shapes/tables.js";
import type { SimTable, TableRow, TableStore } from "./card-function.js";
import { compareValues } from "./functions/compare.js";
import { isoDate, readDate } from "./functions/dates.js";
import { bool, isBlank, isObj, text, type Obj } from "./functions/values.js";

export interface TableDefinition {
  readonly id: string;
  readonly name: string;
  /** Column types as flow files name them ("string", "number", "boolean", "Date") or as a pack stores them ("str"...). */
  readonly columns: ReadonlyArray<{ readonly name: string; readonly type: string }>;
}

/**
 * Rows to seed, by table name (or id): each row is column name → value. A "Row ID" key that is not a column
 * gives the row its id (else "row-1", "row-2"... in seed order).
 */
export type TableSeed = Readonly<Record<string, ReadonlyArray<Readonly<Record<string, unknown>>>>>;

/** The id, creation and update keys of a row as Search Rows and Read Row return it. */
export const ROW_ID = "Row ID";
export const ROW_CREATED = "Created";
export const ROW_UPDATED = "Updated";

export function createTableStore(
  definitions: readonly TableDefinition[],
  seed: TableSeed = {},
  options: { now?: number } = {},
): TableStore {
  let next = 0;
  const newRowId = (): string => `row-${++next}`;
  const seededAt = options.now === undefined ? undefined : isoDate(options.now);
  const tables: SimTable[] = definitions.map((d) => {
    const table: SimTable = {
      id: d.id,
      name: d.name,
      columns: d.columns.map((c) => ({ name: c.name, type: columnType(c.type) })),
      rows: [],
    };
    for (const values of seed[d.name] ?? seed[d.id] ?? []) {
      const isColumn = table.columns.some((c) => c.name === ROW_ID);
      const given = !isColumn && Object.hasOwn(values, ROW_ID) ? text(values[ROW_ID]) : undefined;
      const row: Obj = {};
      for (const key of Object.keys(values)) if (key !== ROW_ID || isColumn) row[key] = columnValue(table, key, values[key]);
      table.rows.push({ id: given ?? newRowId(), values: row, created: seededAt, updated: seededAt });
    }
    return table;
  });
  return {
    byId: (id) => tables.find((t) => t.id === id),
    byName: (name) => tables.find((t) => t.name === name),
    all: () => tables,
    newRowId,
  };
}

/** A column type by either spelling; unknown types read as text. */
function columnType(type: string): TableColumnType {
  return isTableColumnType(type) ? type : (columnTypeOfCode(type) ?? "string");
}

/** A value as the column stores it: numbers, true/false, dates as ISO text, text; empty stays null. */
export function columnValue(table: SimTable, column: string, value: unknown): unknown {
  if (isBlank(value)) return null;
  const type = table.columns.find((c) => c.name === column)?.type;
  switch (type) {
    case "number": {
      const n = typeof value === "number" ? value : Number(text(value));
      return Number.isFinite(n) ? n : null;
    }
    case "boolean":
      return bool(value);
    case "Date": {
      const ms = readDate(value);
      return ms === undefined ? text(value) : isoDate(ms);
    }
    default:
      return typeof value === "object" ? JSON.stringify(value) : text(value);
  }
}

/** A row as Search Rows ("all matching rows") lists it: its columns, then Row ID, Created, Updated. */
export function rowObject(table: SimTable, row: TableRow): Obj {
  const out: Obj = {};
  for (const column of table.columns) out[column.name] = Object.hasOwn(row.values, column.name) ? row.values[column.name] : null;
  out[ROW_ID] = row.id;
  out[ROW_CREATED] = row.created ?? null;
  out[ROW_UPDATED] = row.updated ?? null;
  return out;
}

/** One condition of a Where Expression: a column, an operator, and a constant (`rhs`) or a card output (`rhd`). */
export interface WhereCondition {
  readonly lhs: string;
  readonly op: string;
  readonly join: string;
  readonly rhs?: unknown;
  readonly rhd?: { readonly outputId: string; readonly methodId?: string };
}

/** The conditions of a Where Expression value (`{ expr: [...] }`); none for an empty filter. */
export function whereConditions(expression: unknown): WhereCondition[] {
  if (!isObj(expression) || !Array.isArray(expression.expr)) return [];
  return expression.expr.filter((c): c is WhereCondition => isObj(c) && typeof c.lhs === "string");
}

const TABLE_OPERATORS: Readonly<Record<string, string>> = {
  "=": "==",
  "==": "==",
  "!=": "!=",
  "<>": "!=",
  "<": "<",
  "<=": "<=",
  ">": ">",
  ">=": ">=",
};

/**
 * Whether a row passes the filter. Conditions join left to right, each with the join it carries to the next
 * one ("AND" / "OR"), no precedence: `a OR b AND c` reads `(a OR b) AND c`. A value compares as its column's type.
 */
export function rowMatches(
  table: SimTable,
  row: TableRow,
  conditions: readonly WhereCondition[],
  valueOf: (c: WhereCondition) => unknown,
): boolean {
  let result = true;
  for (let i = 0; i < conditions.length; i++) {
    const c = conditions[i]!;
    const type = c.lhs === ROW_ID ? "string" : (table.columns.find((col) => col.name === c.lhs)?.type ?? "string");
    const left = c.lhs === ROW_ID ? row.id : Object.hasOwn(row.values, c.lhs) ? row.values[c.lhs] : null;
    const right = columnValue(table, c.lhs, valueOf(c));
    const op = TABLE_OPERATORS[c.op] ?? c.op;
    const passes = compareValues(left, op, right, type);
    result = i === 0 ? passes : conditions[i - 1]!.join.toUpperCase() === "OR" ? result || passes : result && passes;
  }
  return result;
}

/** Search Rows returns at most 3,500 rows a call (larger tables are paged with Limit and Offset). */
export const MAX_SEARCH_ROWS = 3500;

export interface RowQuery {
  readonly conditions: readonly WhereCondition[];
  readonly valueOf: (c: WhereCondition) => unknown;
  /** Sort column; empty: the table's order (oldest row first). */
  readonly column?: string;
  readonly direction?: string;
  /** At most this many rows (0 or empty: the card's maximum, MAX_SEARCH_ROWS), after skipping `offset`. */
  readonly limit?: number;
  readonly offset?: number;
}

/** The rows that pass the filter, sorted, then paged. */
export function queryRows(table: SimTable, query: RowQuery): TableRow[] {
  let rows = table.rows.filter((row) => rowMatches(table, row, query.conditions, query.valueOf));
  const column = query.column ?? "";
  if (column !== "") {
    const type = table.columns.find((c) => c.name === column)?.type ?? "string";
    const sign = text(query.direction).toLowerCase() === "desc" ? -1 : 1;
    const keyed = rows.map((row, index) => ({ row, index, key: column === ROW_ID ? row.id : (row.values[column] ?? null) }));
    keyed.sort((a, b) => sign * orderOf(a.key, b.key, type) || a.index - b.index);
    rows = keyed.map((k) => k.row);
  }
  const offset = Math.max(0, Math.trunc(query.offset ?? 0));
  const limit = Math.max(0, Math.trunc(query.limit ?? 0));
  return rows.slice(offset, offset + Math.min(limit === 0 ? MAX_SEARCH_ROWS : limit, MAX_SEARCH_ROWS));
}

/** Empty values sort first in ascending order. */
function orderOf(a: unknown, b: unknown, type: string): number {
  if (isBlank(a) || isBlank(b)) return isBlank(a) === isBlank(b) ? 0 : isBlank(a) ? -1 : 1;
  if (compareValues(a, "<", b, type)) return -1;
  return compareValues(a, ">", b, type) ? 1 : 0;
}
