import { describe, expect, it } from "vitest";
import { createTableStore, queryRows, whereConditions } from "../../src/simulate/tables.js";

const DEFINITIONS = [
  {
    id: "t1",
    name: "Logins",
    columns: [
      { name: "Login", type: "str" },
      { name: "Count", type: "dec" },
      { name: "Seen", type: "dte" },
      { name: "Ok", type: "bln" },
    ],
  },
  { id: "t2", name: "Other", columns: [{ name: "x", type: "string" }] },
];

describe("table store", () => {
  it("seeds rows by table name or id, typed by the columns (stored codes or flow-file names)", () => {
    const store = createTableStore(DEFINITIONS, {
      Logins: [{ Login: "ann", Count: "3", Seen: "2024-01-10", Ok: "false" }],
      t2: [{ x: 1 }],
    });
    expect(store.byName("Logins")!.rows[0]).toEqual({
      id: "row-1",
      values: { Login: "ann", Count: 3, Seen: "2024-01-10T00:00:00.000Z", Ok: false },
      created: undefined,
      updated: undefined,
    });
    expect(store.byId("t2")!.rows[0]!.values).toEqual({ x: "1" });
    expect(store.byId("t1")!.columns.map((c) => c.type)).toEqual(["string", "number", "Date", "boolean"]);
  });

  it("gives row ids in order across the run, after the seeded ones; a seed may name its row's id", () => {
    const store = createTableStore(DEFINITIONS, { Logins: [{ "Row ID": "mine", Login: "a" }, { Login: "b" }] }, { now: 0 });
    expect(store.byId("t1")!.rows.map((r) => r.id)).toEqual(["mine", "row-1"]);
    expect(store.byId("t1")!.rows[0]!.created).toBe("1970-01-01T00:00:00.000Z");
    expect([store.newRowId(), store.newRowId()]).toEqual(["row-2", "row-3"]);
  });

  it("reads a Where Expression's conditions and ignores what is not one", () => {
    expect(whereConditions({ expr: [{ lhs: "Login", op: "=", rhs: "a", join: "AND" }, { op: "=" }, 3] })).toEqual([
      { lhs: "Login", op: "=", rhs: "a", join: "AND" },
    ]);
    expect(whereConditions({})).toEqual([]);
    expect(whereConditions(null)).toEqual([]);
  });

  it("filters on Row ID and sorts empty values first", () => {
    const store = createTableStore(DEFINITIONS, { Logins: [{ Login: "b", Count: 2 }, { Login: "a" }, { Login: "c", Count: 1 }] });
    const table = store.byId("t1")!;
    const byId = queryRows(table, {
      conditions: whereConditions({ expr: [{ lhs: "Row ID", op: "=", rhs: "row-2", join: "AND" }] }),
      valueOf: (c) => c.rhs,
    });
    expect(byId.map((r) => r.values.Login)).toEqual(["a"]);
    const sorted = queryRows(table, { conditions: [], valueOf: () => undefined, column: "Count", direction: "asc" });
    expect(sorted.map((r) => r.values.Login)).toEqual(["a", "c", "b"]);
  });
});
