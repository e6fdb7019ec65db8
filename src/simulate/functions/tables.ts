/**
 * Tables cards (`root:channels:http:stash:<version>:*`) on the run's in-memory tables: Create Row, Read Row,
 * Update Row, Delete Row, Search Rows, Clear Table, Read Table. The table is the `stash` option (its id; a name
 * is accepted too); column fields are the "Fields" group.
 */
import { CardFailure, type CardCall, type CardFunction, type SimTable, type TableRow } from "../card-function.js";
import { columnValue, queryRows, ROW_CREATED, ROW_ID, ROW_UPDATED, rowObject, whereConditions, type WhereCondition } from "../tables.js";
import { argIn, byKey, group } from "./args.js";
import { isoDate } from "./dates.js";
import { isBlank, num, text } from "./values.js";

function tableOf(call: CardCall): SimTable {
  const dynamic = argIn(call, "Table", "Table ID");
  const id = text(isBlank(dynamic) ? argIn(call, "parameters", "stash") : dynamic);
  const table = call.env.tables.byId(id) ?? call.env.tables.byName(id);
  if (!table)
    throw new CardFailure(`table ${JSON.stringify(id)} does not exist in this run (declare it in the pack and seed it in the test)`, 404);
  return table;
}

function rowIndex(table: SimTable, id: unknown): number {
  const index = table.rows.findIndex((row) => row.id === text(id));
  if (index === -1) throw new CardFailure(`row ${JSON.stringify(text(id))} does not exist in table "${table.name}"`, 404);
  return index;
}

function rowOutputs(call: CardCall, table: SimTable, row: TableRow | undefined): unknown[] {
  return call.outputs.map((output) => {
    if (!row) return undefined;
    if (output.group === "Fields") return Object.hasOwn(row.values, output.key) ? row.values[output.key] : null;
    if (output.key === ROW_ID) return row.id;
    if (output.key === ROW_CREATED) return row.created;
    if (output.key === ROW_UPDATED) return row.updated;
    if (output.key === "Rows" || output.key === "Row") return rowObject(table, row);
    return undefined;
  });
}

const createRow: CardFunction = (call) => {
  const table = tableOf(call);
  const values: Record<string, unknown> = {};
  for (const input of group(call, "Fields")) values[input.key] = columnValue(table, input.key, input.value);
  const now = isoDate(call.env.now());
  const row: TableRow = { id: call.env.tables.newRowId(), values, created: now, updated: now };
  table.rows.push(row);
  return byKey(call, { [ROW_ID]: row.id });
};

const readRow: CardFunction = (call) => {
  const table = tableOf(call);
  return rowOutputs(call, table, table.rows[rowIndex(table, argIn(call, "Read By", ROW_ID))]);
};

/** Update Row: the fields given; an empty field keeps the row's value unless the "update empty inputs" option is Yes. */
const updateRow: CardFunction = (call) => {
  const table = tableOf(call);
  const index = rowIndex(table, argIn(call, "Update By", ROW_ID));
  const old = table.rows[index]!;
  const updateEmpty = text(argIn(call, "parameters", "updateEmptyInputs")).toLowerCase() === "yes";
  const values = { ...old.values };
  for (const input of group(call, "Fields"))
    if (updateEmpty || !isBlank(input.value)) values[input.key] = columnValue(table, input.key, input.value);
  table.rows[index] = { id: old.id, values, created: old.created, updated: isoDate(call.env.now()) };
  return call.outputs.map(() => undefined);
};

const deleteRow: CardFunction = (call) => {
  const table = tableOf(call);
  table.rows.splice(rowIndex(table, argIn(call, "Delete By", ROW_ID)), 1);
  return call.outputs.map(() => undefined);
};

/**
 * Search Rows: the rows the filter keeps, sorted by the Sort column, paged by Limit and Offset (0: all). "First
 * matching row" fills the Row and Fields outputs (all empty when no row matches); "All matching rows" gives
 * Result.Rows, each row its columns, Row ID, Created and Updated.
 */
const searchRows: CardFunction = (call) => {
  const table = tableOf(call);
  const valueOf = (c: WhereCondition): unknown => (c.rhd ? argIn(call, "_expr", c.rhd.outputId) : c.rhs);
  const rows = queryRows(table, {
    conditions: whereConditions(argIn(call, "Filter", "Where Expression")),
    valueOf,
    column: text(argIn(call, "Sort", "Column")),
    direction: text(argIn(call, "Sort", "Direction")),
    limit: num(argIn(call, "Sort", "Limit"), "Limit"),
    offset: num(argIn(call, "Sort", "Offset"), "Offset"),
  });
  const resultSet = text(argIn(call, "parameters", "resultSet"));
  if (resultSet === "one" || resultSet === "") return rowOutputs(call, table, rows[0]);
  return call.outputs.map((output) => (output.key === "Rows" ? rows.map((row) => rowObject(table, row)) : undefined));
};

const clearTable: CardFunction = (call) => {
  const table = tableOf(call);
  const cleared = table.rows.length;
  table.rows.length = 0;
  return byKey(call, { "Cleared Rows": cleared });
};

/** Read Table: the columns, each `{ name, type }`. */
const readTable: CardFunction = (call) => {
  const table = tableOf(call);
  return byKey(call, { "Column Schema": table.columns.map((c) => ({ name: c.name, type: c.type })) });
};

export const tableCards: ReadonlyArray<readonly [string, CardFunction]> = [
  ["stash:createRow", createRow],
  ["stash:readRow", readRow],
  ["stash:updateRow", updateRow],
  ["stash:deleteRow", deleteRow],
  ["stash:searchRows2", searchRows],
  ["stash:clearTable", clearTable],
  ["stash:readTable", readTable],
];
