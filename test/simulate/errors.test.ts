/**
 * Errors as Okta handles them: If Error (its If Error block gets the error object: message, code, method, flo,
 * execution), Return Error If, and per-card error policies (retries only on 429 with the delay on the virtual
 * clock, then halt, return values, or run a helper flow with the error).
 */
import { describe, expect, it } from "vitest";
import { connection, flow, helperFlow, manual, type OktaObject } from "../../src/index.js";
import { kernel, okta } from "../../src/cards/index.js";
import { fail, mock, simulate } from "../../src/testing/index.js";
import { fakeLibrary } from "./fake-library.js";

const oktaOrg = connection("Okta", "okta");

describe("If Error", () => {
  const careful = flow({ name: "Careful", trigger: manual() }, (f) => {
    const user = f.add(okta.readUser({ connection: oktaOrg, idOrLogin: "jane@example.com" }));
    f.ifError(
      (attempt) => {
        attempt.add(okta.suspendUser({ connection: oktaOrg, id: user.id }));
      },
      (failed) => {
        failed.add(kernel.json.stringify({ object: failed.trigger.error }));
      },
    );
    f.add(kernel.string.toLowerCase({ string: "AFTER" }));
  });
  const readUser = mock(okta.readUser, { id: "00u1" });

  it("runs the Try block; outer values reach it through wormholes; the flow goes on", async () => {
    const run = await simulate(careful, { mocks: [readUser, mock(okta.suspendUser, { statusCode: 200 })], library: fakeLibrary });
    expect(run.error).toBeUndefined();
    expect(run.calls.map((c) => [c.card, c.inputs])).toEqual([
      ["Read User", { "ID or Login": "jane@example.com" }],
      ["Suspend User", { "ID or Login": "00u1" }],
    ]);
    expect(run.trace.find((t) => t.card === "Suspend User")!.path).toEqual(["If Error: Try"]);
    expect(run.trace.at(-1)!.outputs).toEqual({ output: "after" });
  });

  it("runs the If Error block with Okta's error object when a card of the Try block fails", async () => {
    const suspendFails = mock(okta.suspendUser, () => fail("User not found", 404));
    const run = await simulate(careful, { mocks: [readUser, suspendFails], library: fakeLibrary });
    expect(run.status).toBe("completed");
    const stringify = run.trace.find((t) => t.type === "json:stringify")!;
    expect(stringify.path).toEqual(["If Error: If Error"]);
    expect(JSON.parse(stringify.outputs.output as string)).toEqual({
      message: "User not found",
      code: 404,
      method: "suspend-user",
      flo: "careful",
      execution: "execution-1",
    });
    expect(run.trace.find((t) => t.card === "Suspend User")).toMatchObject({
      status: "failed",
      error: { message: "User not found", code: 404 },
    });
    expect(run.trace.find((t) => t.card === "If Error")!.note).toBe("caught: User not found");
    expect(run.trace.at(-1)!.outputs).toEqual({ output: "after" });
  });
});

describe("Return Error If", () => {
  it("fails the flow with its message and status code when the condition holds", async () => {
    const guard = flow({ name: "Guard", trigger: manual() }, (f) => {
      f.add(kernel.control.throwIf({ leftOperand: true, operator: "==", rightOperand: true, message: "refused", statusCode: 403 }));
      f.add(kernel.string.toLowerCase({ string: "UNREACHED" }));
    });
    const run = await simulate(guard, { library: fakeLibrary });
    expect(run.status).toBe("failed");
    expect(run.error).toMatchObject({ kind: "failed", message: "refused", okta: { code: 403, method: "return-error-if", flo: "guard" } });
    expect(run.trace.map((t) => [t.card, t.status])).toEqual([
      ["Noop", "ok"],
      ["Return Error If", "failed"],
    ]);
  });
});

describe("per-card error policies", () => {
  const rateLimited = (failures: number) =>
    mock(okta.readUser, (_inputs, context) => (context.call < failures ? fail("slow down", 429) : { id: "00u1" }));

  const withPolicy = (policy: Parameters<typeof okta.readUser>[0]["policy"]) =>
    flow({ name: "Policy", trigger: manual() }, (f) => {
      const user = f.add(okta.readUser({ connection: oktaOrg, idOrLogin: "jane", policy }));
      f.add(kernel.string.toLowerCase({ string: user.id }));
    });

  it("retries a card that gets 429, waiting the policy's delay on the virtual clock", async () => {
    const run = await simulate(withPolicy({ type: "halt", retry: 3, delayMs: 60_000, retryOnRateLimitOnly: true }), {
      mocks: [rateLimited(2)],
      library: fakeLibrary,
    });
    expect(run.error).toBeUndefined();
    expect(run.trace.filter((t) => t.card === "Read User").map((t) => [t.status, t.at.slice(11, 19)])).toEqual([
      ["retried", "00:00:00"],
      ["retried", "00:01:00"],
      ["ok", "00:02:00"],
    ]);
    expect(run.trace.at(-1)!.outputs).toEqual({ output: "00u1" });
  });

  it("halts the flow once the retries are spent, and never retries other errors", async () => {
    const spent = await simulate(withPolicy({ type: "halt", retry: 1, delayMs: 1000 }), { mocks: [rateLimited(5)], library: fakeLibrary });
    expect(spent.status).toBe("failed");
    expect(spent.trace.filter((t) => t.card === "Read User").map((t) => t.status)).toEqual(["retried", "failed"]);
    const notFound = await simulate(withPolicy({ type: "halt", retry: 3 }), {
      mocks: [mock(okta.readUser, () => fail("gone", 404))],
      library: fakeLibrary,
    });
    expect(notFound.trace.filter((t) => t.card === "Read User").map((t) => t.status)).toEqual(["failed"]);
    expect(notFound.error?.okta).toMatchObject({ message: "gone", code: 404, method: "read-user" });
  });

  it("Return Values stops the flow with the error (Okta: 'Stop the flow with an error, but send a custom message')", async () => {
    const run = await simulate(withPolicy({ type: "continue" }), {
      mocks: [mock(okta.readUser, () => fail("gone", 404))],
      library: fakeLibrary,
    });
    expect(run.status).toBe("failed");
    expect(run.trace.find((t) => t.card === "Read User")!.note).toBe("error policy: return values, then stop the flow with the error");
  });

  it("Run another Flow runs the helper flow with the error, then stops the flow with the error", async () => {
    const onError = flow({ name: "On Error", trigger: helperFlow({ params: {} }) }, (f) => {
      f.add(kernel.json.stringify({ object: f.trigger.$custom<OktaObject>("Error") }));
    });
    const run = await simulate(withPolicy({ type: "helper", flow: onError }), {
      mocks: [mock(okta.readUser, () => fail("gone", 404))],
      library: fakeLibrary,
    });
    expect(run.status).toBe("failed");
    const report = run.trace.find((t) => t.flow === "On Error" && t.type === "json:stringify")!;
    expect(report.path).toEqual(["Read User error policy → On Error"]);
    expect(JSON.parse(report.outputs.output as string)).toMatchObject({ message: "gone", code: 404, method: "read-user", flo: "policy" });
  });
});
