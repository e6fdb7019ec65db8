/**
 * If/Else with its Join (the branch that runs, the values the Join hands on) and If/ElseIf (conditions in
 * order, the else block, blocks as inline flows reached through wormholes, Return back to the container).
 */
import { describe, expect, it } from "vitest";
import { card, flow, helperFlow, inline, type FlowBuilder } from "../../src/index.js";
import { kernel } from "../../src/cards/index.js";
import { simulate } from "../../src/testing/index.js";
import { fakeLibrary } from "./fake-library.js";

describe("If/Else", () => {
  const classify = flow({ name: "Classify", trigger: helperFlow({ params: { status: "string" } }) }, (f) => {
    const r = f.ifElse(
      { left: f.trigger.status, operator: "==", right: "ACTIVE" },
      (then) => ({ label: then.add(kernel.string.toLowerCase({ string: "ON" })).output }),
      (otherwise) => ({ label: otherwise.add(kernel.string.concat({ string1: "off:", string2: f.trigger.status })).output }),
    );
    return { label: r.$out("label") };
  });

  it("runs the true branch when the condition holds, and the Join hands on its value", async () => {
    const run = await simulate(classify, { input: { status: "ACTIVE" }, library: fakeLibrary });
    expect(run.error).toBeUndefined();
    expect(run.trace.map((t) => t.card)).toEqual(["Helper Flow", "If/Else", "To Lower Case", "Join", "Return"]);
    expect(run.trace[1]).toMatchObject({
      inputs: { "value a": "ACTIVE", comparison: "==", "value b": "ACTIVE" },
      outputs: { result: true },
    });
    expect(run.outputs).toEqual({ label: "on" });
  });

  it("runs the false branch otherwise", async () => {
    const run = await simulate(classify, { input: { status: "SUSPENDED" }, library: fakeLibrary });
    expect(run.trace.map((t) => t.card)).toEqual(["Helper Flow", "If/Else", "Concatenate", "Join", "Return"]);
    expect(run.outputs).toEqual({ label: "off:SUSPENDED" });
  });

  it("compares by the operands' types and knows Okta's operators", async () => {
    // Each branch hands on a value through an Assign card (the Join hands on card outputs).
    const say = (word: string) => (b: FlowBuilder) => ({
      v: b.add(kernel.control.let({ customInputs: [{ key: "v", type: "string", value: word }] })).$custom("v"),
    });
    const numbers = flow({ name: "Numbers", trigger: helperFlow({ params: { n: "number", s: "string" } }) }, (f) => {
      const big = f.ifElse({ left: f.trigger.n, operator: ">", right: 9 }, say("yes"), say("no"));
      const text = f.ifElse({ left: f.trigger.s, operator: ">", right: "9" }, say("yes"), say("no"));
      const empty = f.ifElse({ left: f.trigger.s, operator: "is empty" }, say("yes"), say("no"));
      const within = f.ifElse({ left: "test", operator: "in", right: f.trigger.s }, say("yes"), say("no"));
      return { big: big.$out("v"), text: text.$out("v"), empty: empty.$out("v"), within: within.$out("v") };
    });
    // 80 > 9 as numbers; "80" > "9" is false as text (Okta's Branching reference).
    const run = await simulate(numbers, { input: { n: 80, s: "80" }, library: fakeLibrary });
    expect(run.outputs).toEqual({ big: "yes", text: "no", empty: "no", within: "no" });
    const run2 = await simulate(numbers, { input: { n: 3, s: "this is a test" }, library: fakeLibrary });
    expect(run2.outputs).toEqual({ big: "no", text: "yes", empty: "no", within: "yes" });
  });
});

describe("If/ElseIf", () => {
  const returnOf = (value: unknown) => kernel.control.return({ customInputs: [{ key: "result", type: "string", value: value as string }] });
  const route = flow({ name: "Route", trigger: helperFlow({ params: { action: "string" } }) }, (f) => {
    const action = f.trigger.action;
    const b = f.add(
      card("root:kernel:control:0.0.1:branch", {
        inputs: {
          "left-operand": action,
          operator: "==",
          "right-operand": "create",
          // Outer values used inside a block reach it through wormholes, which flocode writes.
          flo: inline(kernel.control.callable(), (g) => {
            const low = g.add(kernel.string.toLowerCase({ string: action }));
            g.add(returnOf(low.output));
          }),
          "else/flo": inline(kernel.control.callable(), (g) => {
            g.add(returnOf("something else"));
          }),
        },
        customInputs: [
          { key: "left-operand", group: "update", type: "string", value: action },
          { key: "operator", group: "update", type: "string", value: "==" },
          { key: "right-operand", group: "update", type: "string", value: "update" },
          {
            key: "flo",
            group: "update",
            type: "flo",
            value: inline(kernel.control.callable(), (g) => {
              g.add(kernel.control.continueIf({ leftOperand: action, operator: "==", rightOperand: "never", message: "leaves the block" }));
              g.add(returnOf("unreached"));
            }),
          },
        ],
        customOutputs: [{ key: "result", type: "string" }],
      }),
    );
    const after = f.add(kernel.string.concat({ string1: "after:", string2: b.$out("result") }));
    return { result: after.output };
  });

  it("runs the block of the first condition that holds; its Return gives the container's outputs", async () => {
    const run = await simulate(route, { input: { action: "create" }, library: fakeLibrary });
    expect(run.error).toBeUndefined();
    expect(run.outputs).toEqual({ result: "after:create" });
    const inner = run.trace.find((t) => t.type === "string:toLowerCase")!;
    expect(inner.path).toEqual(["If/ElseIf: if"]);
    expect(run.trace.find((t) => t.type === "control:branch")).toMatchObject({ note: "ran the if block", outputs: { result: "create" } });
  });

  it("runs the else block when no condition holds", async () => {
    const run = await simulate(route, { input: { action: "delete" }, library: fakeLibrary });
    expect(run.outputs).toEqual({ result: "after:something else" });
  });

  it("a Continue If that stops inside a block goes on after the container (the block returns nothing)", async () => {
    const run = await simulate(route, { input: { action: "update" }, library: fakeLibrary });
    expect(run.status).toBe("completed");
    expect(run.trace.map((t) => t.card)).toEqual(["Helper Flow", "If/ElseIf", "Helper Flow", "Continue If", "Concatenate", "Return"]);
    expect(run.outputs).toEqual({ result: "after:" });
  });
});
