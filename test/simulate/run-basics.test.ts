/**
 * The interpreter on flows written with the DSL: cards run in order along the orderings, outputs wired into
 * inputs (with Okta's conversions), the trace as the Execution History shows it, Assign, Compose placeholders,
 * Object Expand, Continue If, Wait on the virtual clock, Return values.
 */
import { describe, expect, it } from "vitest";
import { compose, connection, flow, helperFlow, manual } from "../../src/index.js";
import { kernel, okta } from "../../src/cards/index.js";
import { mock, simulate } from "../../src/testing/index.js";
import { fakeLibrary } from "./fake-library.js";

const oktaOrg = connection("Okta", "okta");

const greet = flow({ name: "Greet", trigger: helperFlow({ params: { first: "string", last: "string" } }) }, (f) => {
  const lower = f.add(kernel.string.toLowerCase({ string: f.trigger.first }));
  const joined = f.add(kernel.string.concat({ string1: lower.output, string2: f.trigger.last }));
  const length = f.add(kernel.string.length({ string: joined.output }));
  return { greeting: joined.output, length: length.length };
});

describe("a chain of function cards", () => {
  it("runs the cards in order, each reading the outputs wired into it, and returns the flow's values", async () => {
    const run = await simulate(greet, { input: { first: "JANE", last: "Doe" }, library: fakeLibrary });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe("completed");
    expect(run.trace.map((t) => t.card)).toEqual(["Helper Flow", "To Lower Case", "Concatenate", "Length", "Return"]);
    // Fields by the label the Execution History shows ("text" is To Lower Case's label of its input "string").
    expect(run.trace[1]).toMatchObject({ type: "string:toLowerCase", inputs: { text: "JANE" }, outputs: { output: "jane" } });
    expect(run.trace[2]!.inputs).toEqual({ "text 1": "jane", "text 2": "Doe" });
    // The Return fields flocode writes for returned values are Text: Okta converts the number on the pin.
    expect(run.outputs).toEqual({ greeting: "janeDoe", length: "7" });
  });

  it("checks the trigger's input: an unknown field or a value of the wrong type is a clear error", async () => {
    const unknown = await simulate(greet, { input: { frist: "x" }, library: fakeLibrary });
    expect(unknown.status).toBe("incomplete");
    expect(unknown.error?.message).toBe(`the input of flow trigger "Helper Flow" has no field "frist" (its fields: "first", "last")`);
    const wrongType = await simulate(greet, { input: { first: 12 }, library: fakeLibrary });
    expect(wrongType.error?.message).toContain(`field "first" must be text, got number 12`);
  });

  it("stops at a function card the simulator does not run yet, naming it and its flow", async () => {
    const run = await simulate(greet, { input: { first: "A", last: "B" }, library: new Map() });
    expect(run.status).toBe("incomplete");
    expect(run.error).toMatchObject({ kind: "not-simulated", card: "To Lower Case", flow: "Greet", type: "string:toLowerCase" });
    expect(run.error?.message).toBe(`card "To Lower Case" (string:toLowerCase) in flow "Greet" is not simulated yet`);
    expect(run.trace.at(-1)).toMatchObject({ card: "To Lower Case", status: "stopped" });
  });
});

describe("wiring and conversions", () => {
  const converts = flow({ name: "Converts", trigger: helperFlow({ params: { n: "number" } }) }, (f) => {
    // Number → text: flocode writes Okta's toString conversion on the pin.
    const lower = f.add(kernel.string.toLowerCase({ string: f.trigger.n }));
    return { text: lower.output };
  });

  it("applies a pin's conversion (number → text) when the flopack's auto-transform flag is on", async () => {
    const run = await simulate(converts, { input: { n: 42 }, library: fakeLibrary });
    expect(run.trace[1]!.inputs).toEqual({ text: "42" });
    expect(run.outputs).toEqual({ text: "42" });
  });

  it("does not convert when auto-transform is off, and looseStrings then decides", async () => {
    const strict = await simulate(converts, {
      input: { n: 42 },
      library: fakeLibrary,
      flags: { autoTransform: false, looseStrings: false },
    });
    expect(strict.trace[1]!.inputs).toEqual({ text: 42 });
    const loose = await simulate(converts, { input: { n: 42 }, library: fakeLibrary, flags: { autoTransform: false, looseStrings: true } });
    expect(loose.trace[1]!.inputs).toEqual({ text: "42" });
  });
});

describe("Compose, Assign, Object Expand", () => {
  it("fills Compose placeholders with the values wired into them", async () => {
    const hello = flow({ name: "Hello", trigger: helperFlow({ params: { name: "string", n: "number", tags: "object" } }) }, (f) => {
      const c = f.add(compose`Hello ${f.trigger.name}, you have ${f.trigger.n} messages ${f.trigger.tags}`);
      return { text: c.output };
    });
    const run = await simulate(hello, { input: { name: "Jane", n: 3, tags: { a: 1 } }, library: fakeLibrary });
    expect(run.outputs).toEqual({ text: 'Hello Jane, you have 3 messages {"a":1}' });
  });

  it("Assign hands on its fields; Object Expand reads the sub-fields of an object output", async () => {
    const f1 = flow({ name: "Assign and expand", trigger: manual() }, (f) => {
      const user = f.add(okta.readUser({ connection: oktaOrg, idOrLogin: "jane@example.com" }));
      const { provider, question } = f.expand(user.credentials, { provider: ["Provider", "Name"], question: "Recovery Question" });
      const a = f.add(
        kernel.control.let({
          customInputs: [
            { key: "Provider", type: "string", value: provider },
            { key: "Question", type: "string", value: question },
            { key: "Constant", type: "number", value: 7 },
          ],
        }),
      );
      f.add(kernel.control.return({ customInputs: [{ key: "provider", type: "string", value: a.$custom("Provider") }] }));
    });
    const credentials = { Provider: { Name: "OKTA", Type: "OKTA" }, "Recovery Question": "Color?" };
    const run = await simulate(f1, { mocks: [mock(okta.readUser, { credentials })], library: fakeLibrary });
    expect(run.error).toBeUndefined();
    const assign = run.trace.find((t) => t.type === "control:let")!;
    expect(assign.inputs).toEqual({ Provider: "OKTA", Question: "Color?", Constant: 7 });
    expect(assign.outputs).toEqual(assign.inputs);
    expect(run.outputs).toEqual({ provider: "OKTA" });
  });
});

describe("Continue If and Wait", () => {
  const gate = flow({ name: "Gate", trigger: helperFlow({ params: { status: "string" } }) }, (f) => {
    f.add(kernel.control.wait({ delay: 2, unit: "hour" }));
    f.add(kernel.control.continueIf({ leftOperand: f.trigger.status, operator: "==", rightOperand: "ACTIVE", message: "not active" }));
    const lower = f.add(kernel.string.toLowerCase({ string: f.trigger.status }));
    return { status: lower.output };
  });

  it("goes on when the condition holds; Wait moves the virtual clock", async () => {
    const run = await simulate(gate, { input: { status: "ACTIVE" }, library: fakeLibrary, now: "2025-03-01T10:00:00Z" });
    expect(run.status).toBe("completed");
    expect(run.outputs).toEqual({ status: "active" });
    expect(run.trace.map((t) => t.at)).toEqual([
      "2025-03-01T10:00:00.000Z",
      "2025-03-01T10:00:00.000Z",
      "2025-03-01T12:00:00.000Z",
      "2025-03-01T12:00:00.000Z",
      "2025-03-01T12:00:00.000Z",
    ]);
  });

  it("stops the flow quietly when the condition is false (no error, as Okta's Continue If)", async () => {
    const run = await simulate(gate, { input: { status: "SUSPENDED" }, library: fakeLibrary });
    expect(run.status).toBe("stopped");
    expect(run.error).toBeUndefined();
    expect(run.stopMessage).toBe("not active");
    expect(run.trace.map((t) => t.card)).toEqual(["Helper Flow", "Wait For", "Continue If"]);
    expect(run.outputs).toEqual({});
  });
});

describe("determinism", () => {
  it("gives the same result for the same flow, input and options, and a different seed changes nothing here", async () => {
    const a = await simulate(greet, { input: { first: "A", last: "B" }, library: fakeLibrary });
    const b = await simulate(greet, { input: { first: "A", last: "B" }, library: fakeLibrary });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it("a flow with no trigger data (run by hand) runs with no input", async () => {
    const byHand = flow({ name: "By hand", trigger: manual() }, (f) => {
      f.add(kernel.string.toLowerCase({ string: "ABC" }));
    });
    const run = await simulate(byHand, { library: fakeLibrary });
    expect(run.trigger).toBe("manual");
    expect(run.trace.map((t) => t.outputs)).toContainEqual({ output: "abc" });
  });
});
