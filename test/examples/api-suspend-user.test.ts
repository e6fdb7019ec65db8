/** The API endpoint example: suspends the user whose login is posted, unless already suspended. */
import { describe, expect, it } from "vitest";
import { mock, simulate } from "flocode/testing";
import { okta } from "flocode/cards";
import suspendUser from "../../flows/api-suspend-user.flow.js";

const request = { body: { login: "jane@example.com" } };

describe("Suspend User by Login (API endpoint)", () => {
  it("suspends an active user: Read User with the posted login, then Suspend User with its id", async () => {
    const run = await simulate(suspendUser, {
      input: request,
      mocks: [mock(okta.readUser, { id: "00u1", status: "ACTIVE" }), mock(okta.suspendUser, { statusCode: 200 })],
    });
    expect(run.error).toBeUndefined();
    expect(run.trigger).toBe("api");
    expect(run.calls.map((c) => [c.card, c.inputs])).toEqual([
      ["Read User", { "ID or Login": "jane@example.com" }],
      ["Suspend User", { "ID or Login": "00u1" }],
    ]);
    expect(run.trace.find((t) => t.card === "If/Else")!.outputs).toEqual({ result: false });
  });

  it("does nothing for a user who is already suspended", async () => {
    const run = await simulate(suspendUser, { input: request, mocks: [mock(okta.readUser, { id: "00u1", status: "SUSPENDED" })] });
    expect(run.error).toBeUndefined();
    expect(run.calls.map((c) => c.card)).toEqual(["Read User"]);
  });

  it("the endpoint's request must be { body, query, headers }", async () => {
    const run = await simulate(suspendUser, { input: { login: "jane@example.com" } });
    expect(run.error?.message).toBe(
      `the input of flow trigger "API Endpoint" is an HTTP request: { body, query, headers }; got a key "login"`,
    );
  });
});
