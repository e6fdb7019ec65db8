/** The API endpoint example: suspends the user whose login is posted, unless already suspended, and says so. */
import { describe, expect, it } from "vitest";
import { mock, simulate } from "flocode/testing";
import { okta } from "flocode/cards";
import suspendUser from "../../flows/api-suspend-user.flow.js";

const request = { body: { login: "jane@example.com" } };

describe("Suspend User by Login (API endpoint)", () => {
  it("suspends an active user and answers 200 with the outcome", async () => {
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
    // The endpoint's response: Return Raw's status, headers and body.
    expect(run.outputs).toEqual({
      statusCode: 200,
      headers: { "Content-Type": "application/json" },
      body: '{"login": "jane@example.com", "result": "suspended"}',
    });
  });

  it("does nothing for a user who is already suspended, and says so", async () => {
    const run = await simulate(suspendUser, { input: request, mocks: [mock(okta.readUser, { id: "00u1", status: "SUSPENDED" })] });
    expect(run.error).toBeUndefined();
    expect(run.calls.map((c) => c.card)).toEqual(["Read User"]);
    expect(JSON.parse(run.outputs.body as string)).toEqual({ login: "jane@example.com", result: "already suspended" });
  });

  it("the endpoint's input is the request: { body, query, headers }", async () => {
    const run = await simulate(suspendUser, { input: { login: "jane@example.com" } });
    expect(run.error?.message).toBe(
      `the input of flow trigger "API Endpoint" is an HTTP request: { body, query, headers }; got a key "login"`,
    );
  });
});
