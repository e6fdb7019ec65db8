import { expect } from "vitest";
import type { ConformanceCase } from "../conformance.js";
import type { FieldSpec, RunSpec } from "../harness.js";
import { NO_PAGE, PAGES } from "../pages.js";

const TABLES = {
  definitions: [
    {
      id: "tbl-audit",
      name: "Audit",
      columns: [
        { name: "Login", type: "string" },
        { name: "Count", type: "number" },
        { name: "Seen", type: "Date" },
        { name: "Active", type: "boolean" },
      ],
    },
  ],
  seed: {
    Audit: [
      { "Row ID": "r1", Login: "ann", Count: 3, Seen: "2024-01-10T00:00:00.000Z", Active: true },
      { "Row ID": "r2", Login: "bob", Count: 12, Seen: "2024-01-05T00:00:00.000Z", Active: false },
      { "Row ID": "r3", Login: "cid", Count: 7, Seen: "2024-01-20T00:00:00.000Z", Active: true },
    ],
  },
} satisfies RunSpec["tables"];

const ALL_ROWS: FieldSpec[] = [{ group: "Result", key: "Rows", type: "object", collection: true }];
const FIRST_ROW: FieldSpec[] = [
  { group: "Row", key: "Row ID" },
  { group: "Fields", key: "Login" },
  { group: "Fields", key: "Count", type: "number" },
];
const SEARCH = PAGES.searchRows.url;
const CREATE = PAGES.createRow.url;
const UPDATE = PAGES.updateRow.url;

function where(...conditions: object[]): { expr: object[] } {
  return { expr: conditions.map((c) => ({ join: "AND", ...c })) };
}

function logins(rows: unknown): string[] {
  return (rows as Array<Record<string, unknown>>).map((r) => r.Login as string);
}

export const tableCases: readonly ConformanceCase[] = [
  {
    card: "stash:createRow",
    title: "a row with the fields given, its new Row ID as output",
    doc: CREATE,
    assumed:
      'row ids are "row-1", "row-2"... in the order rows are made in a run (the page types the id as a number); Created and Updated are the virtual clock',
    tables: TABLES,
    inputs: { "parameters.stash": "tbl-audit" },
    custom: [
      { group: "Fields", key: "Login", value: "dee" },
      { group: "Fields", key: "Count", type: "number", value: "5" },
    ],
    now: "2024-02-01T09:00:00.000Z",
    expect: { "Row ID": "row-1" },
    check: ({ tables }) => {
      const row = tables.byId("tbl-audit")!.rows[3]!;
      expect(row).toEqual({
        id: "row-1",
        values: { Login: "dee", Count: 5 },
        created: "2024-02-01T09:00:00.000Z",
        updated: "2024-02-01T09:00:00.000Z",
      });
    },
  },
  {
    card: "stash:createRow",
    title: "a table that does not exist fails with 404",
    doc: CREATE,
    assumed: "an unknown table is a not-found error (404)",
    tables: TABLES,
    inputs: { "parameters.stash": "tbl-missing" },
    error: "does not exist",
    code: 404,
  },
  {
    card: "stash:readRow",
    title: "a row's fields, created and updated times by its Row ID",
    doc: PAGES.readRow.url,
    tables: TABLES,
    inputs: { "parameters.stash": "tbl-audit", "Read By.Row ID": "r2" },
    outputs: [
      { group: "Row", key: "Created", type: "Date" },
      { group: "Fields", key: "Login" },
      { group: "Fields", key: "Seen", type: "Date" },
    ],
    expect: { Created: "2024-01-14T12:00:00.000Z", Login: "bob", Seen: "2024-01-05T00:00:00.000Z" },
  },
  {
    card: "stash:readRow",
    title: "an unknown Row ID fails with 404",
    doc: PAGES.readRow.url,
    assumed: "a missing row is a not-found error (404)",
    tables: TABLES,
    inputs: { "parameters.stash": "tbl-audit", "Read By.Row ID": "nope" },
    error: 'row "nope" does not exist',
    code: 404,
  },
  {
    card: "stash:updateRow",
    title: "the fields given change; empty fields keep their value",
    doc: UPDATE,
    assumed: "Updated is the virtual clock's now",
    tables: TABLES,
    inputs: { "parameters.stash": "tbl-audit", "Update By.Row ID": "r1", "parameters.updateEmptyInputs": "No" },
    custom: [
      { group: "Fields", key: "Count", type: "number", value: 4 },
      { group: "Fields", key: "Login" },
    ],
    now: "2024-02-02T00:00:00.000Z",
    check: ({ tables }) => {
      const row = tables.byId("tbl-audit")!.rows[0]!;
      expect(row.values).toMatchObject({ Login: "ann", Count: 4 });
      expect(row.updated).toBe("2024-02-02T00:00:00.000Z");
      expect(row.created).toBe("2024-01-14T12:00:00.000Z");
    },
  },
  {
    card: "stash:updateRow",
    title: '"update empty inputs" Yes empties a column',
    doc: UPDATE,
    tables: TABLES,
    inputs: { "parameters.stash": "tbl-audit", "Update By.Row ID": "r1", "parameters.updateEmptyInputs": "Yes" },
    custom: [{ group: "Fields", key: "Login" }],
    check: ({ tables }) => expect(tables.byId("tbl-audit")!.rows[0]!.values.Login).toBeNull(),
  },
  {
    card: "stash:deleteRow",
    title: "the row is gone",
    doc: PAGES.deleteRow.url,
    tables: TABLES,
    inputs: { "parameters.stash": "tbl-audit", "Delete By.Row ID": "r2" },
    check: ({ tables }) => expect(tables.byId("tbl-audit")!.rows.map((r) => r.id)).toEqual(["r1", "r3"]),
  },
  {
    card: "stash:clearTable",
    title: "every row removed, their number as output",
    doc: PAGES.clearTable.url,
    tables: TABLES,
    inputs: { "parameters.stash": "tbl-audit" },
    expect: { "Cleared Rows": 3 },
    check: ({ tables }) => expect(tables.byId("tbl-audit")!.rows).toEqual([]),
  },
  {
    card: "stash:readTable",
    title: "the column schema",
    doc: NO_PAGE,
    assumed: "each column as { name, type }",
    tables: TABLES,
    inputs: { "parameters.stash": "tbl-audit" },
    expect: {
      "Column Schema": [
        { name: "Login", type: "string" },
        { name: "Count", type: "number" },
        { name: "Seen", type: "Date" },
        { name: "Active", type: "boolean" },
      ],
    },
  },
  {
    card: "stash:searchRows2",
    title: "first matching row: a column equal to a constant",
    doc: SEARCH,
    tables: TABLES,
    inputs: {
      "parameters.stash": "tbl-audit",
      "parameters.resultSet": "one",
      "Filter.Where Expression": where({ lhs: "Login", op: "=", rhs: "bob" }),
    },
    outputs: FIRST_ROW,
    expect: { "Row ID": "r2", Login: "bob", Count: 12 },
  },
  {
    card: "stash:searchRows2",
    title: "a condition on a card output reads the hidden field wired from it",
    doc: SEARCH,
    tables: TABLES,
    inputs: {
      "parameters.stash": "tbl-audit",
      "parameters.resultSet": "one",
      "Filter.Where Expression": where({ lhs: "Login", op: "=", rhd: { outputId: "out1", methodId: "card1" } }),
    },
    custom: [{ group: "_expr", key: "out1", value: "cid" }],
    outputs: FIRST_ROW,
    expect: { "Row ID": "r3" },
  },
  {
    card: "stash:searchRows2",
    title: "no row matches: the outputs are empty",
    doc: SEARCH,
    assumed: "first matching row with no match leaves every output empty (no failure)",
    tables: TABLES,
    inputs: {
      "parameters.stash": "tbl-audit",
      "parameters.resultSet": "one",
      "Filter.Where Expression": where({ lhs: "Login", op: "=", rhs: "zed" }),
    },
    outputs: FIRST_ROW,
    expect: { "Row ID": undefined, Login: undefined },
  },
  {
    card: "stash:searchRows2",
    title: "all matching rows: numbers compare as numbers, dates as dates",
    doc: SEARCH,
    assumed: "a condition compares as its column's type: a number column by value, a date column as dates",
    tables: TABLES,
    inputs: {
      "parameters.stash": "tbl-audit",
      "parameters.resultSet": "all-new",
      "Filter.Where Expression": where({ lhs: "Count", op: ">", rhs: "5" }, { lhs: "Seen", op: "<", rhs: "2024-01-15" }),
    },
    outputs: ALL_ROWS,
    expect: {
      Rows: [
        {
          Login: "bob",
          Count: 12,
          Seen: "2024-01-05T00:00:00.000Z",
          Active: false,
          "Row ID": "r2",
          Created: "2024-01-14T12:00:00.000Z",
          Updated: "2024-01-14T12:00:00.000Z",
        },
      ],
    },
  },
  {
    card: "stash:searchRows2",
    title: "OR joins: conditions read left to right",
    doc: SEARCH,
    assumed: "each condition carries the join to the next; no precedence: (a OR b) AND c",
    tables: TABLES,
    inputs: {
      "parameters.stash": "tbl-audit",
      "parameters.resultSet": "all",
      "Filter.Where Expression": where(
        { lhs: "Login", op: "=", rhs: "ann", join: "OR" },
        { lhs: "Login", op: "=", rhs: "bob", join: "AND" },
        { lhs: "Active", op: "=", rhs: true },
      ),
    },
    outputs: ALL_ROWS,
    check: ({ out }) => expect(logins(out.Rows)).toEqual(["ann"]),
  },
  {
    card: "stash:searchRows2",
    title: "sorted by a column, descending, with limit and offset",
    doc: SEARCH,
    tables: TABLES,
    inputs: {
      "parameters.stash": "tbl-audit",
      "parameters.resultSet": "all-new",
      "Sort.Column": "Count",
      "Sort.Direction": "desc",
      "Sort.Limit": 2,
      "Sort.Offset": 1,
    },
    outputs: ALL_ROWS,
    check: ({ out }) => expect(logins(out.Rows)).toEqual(["cid", "ann"]),
  },
  {
    card: "stash:searchRows2",
    title: "no filter and no sort: every row, oldest first",
    doc: SEARCH,
    assumed: "without a sort column rows come in the order they were made",
    tables: TABLES,
    inputs: { "parameters.stash": "tbl-audit", "parameters.resultSet": "all-new", "Sort.Direction": "desc", "Sort.Limit": 0 },
    outputs: ALL_ROWS,
    check: ({ out }) => expect(logins(out.Rows)).toEqual(["ann", "bob", "cid"]),
  },
  {
    card: "stash:searchRows2",
    title: "at most 3,500 rows a call",
    doc: SEARCH,
    tables: {
      definitions: [{ id: "big", name: "Big", columns: [{ name: "n", type: "number" }] }],
      seed: { Big: Array.from({ length: 3600 }, (_, n) => ({ n })) },
    },
    inputs: { "parameters.stash": "big", "parameters.resultSet": "all-new", "Sort.Offset": 50 },
    outputs: ALL_ROWS,
    check: ({ out }) => {
      const rows = out.Rows as Array<Record<string, unknown>>;
      expect(rows).toHaveLength(3500);
      expect(rows[0]!.n).toBe(50);
    },
  },
  {
    card: "stash:searchRows2",
    title: "the search is case-sensitive",
    doc: SEARCH,
    assumed: 'an "=" condition matches the whole value (the page\'s remark on partial matches is read as the column search of the console)',
    tables: TABLES,
    inputs: {
      "parameters.stash": "tbl-audit",
      "parameters.resultSet": "all-new",
      "Filter.Where Expression": where({ lhs: "Login", op: "=", rhs: "Ann" }),
    },
    outputs: ALL_ROWS,
    check: ({ out }) => expect(logins(out.Rows)).toEqual([]),
  },
];
