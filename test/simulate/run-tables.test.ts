/**
 * Tables in a simulated run: the pack's tables, seeded by the test, written by the flow's Tables cards, and
 * returned as they are afterwards (the Tables cards run in the function-card library).
 */
import { describe, expect, it } from "vitest";
import { flow, manual, table } from "flocode";
import { mock, simulate } from "flocode/testing";
import { kernel, okta, stash } from "flocode/cards";
import recordLogin from "../fixtures/good-flows/tables.flow.js";

describe("tables in a simulated run", () => {
  it("a Create Row card adds a row to the seeded table; the result lists every table after the run", async () => {
    const run = await simulate(recordLogin, {
      mocks: [mock(okta.readUser, { login: "jane@example.com", lastLogin: "2025-02-01T08:00:00.000Z" })],
      tables: { "Last Logins": [{ Login: "joe@example.com", "Last Login": "2025-01-01T00:00:00.000Z", Active: false }] },
    });
    expect(run.error).toBeUndefined();
    expect(run.tables["Last Logins"]).toEqual([
      { Login: "joe@example.com", "Last Login": "2025-01-01T00:00:00.000Z", Active: false },
      { Login: "jane@example.com", "Last Login": "2025-02-01T08:00:00.000Z", Active: true },
    ]);
  });

  it("seeded rows were created at the run's virtual start; a row the flow creates, at the clock's time then", async () => {
    const logins = table("Last Logins", { columns: { Login: "string" } });
    const readBack = flow({ name: "Read Back", trigger: manual() }, (f) => {
      f.add(stash.readRow({ stash: logins, rowId: "row-1" }));
      f.add(kernel.control.wait({ delay: 2, unit: "hour" }));
      const created = f.add(stash.createRow({ stash: logins, fields: { Login: "new@example.com" } }));
      f.add(stash.readRow({ stash: logins, rowId: created.rowId }));
    });
    const run = await simulate(readBack, { tables: { "Last Logins": [{ Login: "seeded@example.com" }] }, now: "2025-03-01T10:00:00Z" });
    expect(run.error).toBeUndefined();
    const reads = run.trace.filter((t) => t.type === "stash:readRow");
    expect(reads.map((t) => t.outputs)).toEqual([
      { Login: "seeded@example.com", Created: "2025-03-01T10:00:00.000Z", Updated: "2025-03-01T10:00:00.000Z" },
      { Login: "new@example.com", Created: "2025-03-01T12:00:00.000Z", Updated: "2025-03-01T12:00:00.000Z" },
    ]);
    const other = await simulate(readBack, { tables: { "Last Logins": [{ Login: "seeded@example.com" }] }, now: "2024-12-31T23:00:00Z" });
    expect(other.trace.find((t) => t.type === "stash:readRow")!.outputs).toMatchObject({ Created: "2024-12-31T23:00:00.000Z" });
  });
});
