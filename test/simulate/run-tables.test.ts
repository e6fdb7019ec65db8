/**
 * Tables in a simulated run: the pack's tables, seeded by the test, written by the flow's Tables cards, and
 * returned as they are afterwards (the Tables cards run in the function-card library).
 */
import { describe, expect, it } from "vitest";
import { mock, simulate } from "flocode/testing";
import { okta } from "flocode/cards";
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
});
