/**
 * Cards that run helper flows: Call Flow (arguments in, the helper's Return out), For Each, Map, Filter Custom,
 * Reduce (list items to the argument set to the item), For Each - Ignore Errors (an item's failure ignored), and
 * their concurrency on the virtual clock.
 */
import { describe, expect, it } from "vitest";
import { externalFlow, flow, helperFlow } from "../../src/index.js";
import { kernel } from "../../src/cards/index.js";
import { simulate } from "../../src/testing/index.js";
import { fakeLibrary } from "./fake-library.js";

const double = flow({ name: "Double", trigger: helperFlow({ params: { item: "string", suffix: "string" } }) }, (f) => {
  const twice = f.add(kernel.string.concat({ string1: f.trigger.item, string2: f.trigger.item }));
  const joined = f.add(kernel.string.concat({ string1: twice.output, string2: f.trigger.suffix }));
  return { result: joined.output };
});

const item = { key: "item", type: "string" as const, fromItem: "" };

describe("Call Flow", () => {
  it("stops, not simulated, at a call of a flow kept elsewhere (a stub in the export)", async () => {
    const caller = flow({ name: "Caller", trigger: helperFlow({ params: { word: "string" } }) }, (f) => {
      f.add(kernel.control.spawn({ flo: externalFlow("Send Slack Message") }));
    });
    const run = await simulate(caller, { input: { word: "ab" }, library: fakeLibrary });
    expect(run.error?.kind).toBe("not-simulated");
    expect(run.error?.message).toBe(
      'card "Call Flow" (control:spawn) in flow "Caller" calls flow "Send Slack Message", kept elsewhere (a stub in this export): it is not simulated',
    );
  });

  it("passes its arguments to the helper flow and takes the helper's Return as its outputs", async () => {
    const caller = flow({ name: "Caller", trigger: helperFlow({ params: { word: "string" } }) }, (f) => {
      const call = f.add(
        kernel.control.spawn({
          flo: double,
          customInputs: [
            { key: "item", type: "string", value: f.trigger.word },
            { key: "suffix", type: "string", value: "!" },
          ],
          customOutputs: [{ key: "result", type: "string" }],
        }),
      );
      return { result: call.$custom("result") };
    });
    const run = await simulate(caller, { input: { word: "ab" }, library: fakeLibrary });
    expect(run.error).toBeUndefined();
    expect(run.outputs).toEqual({ result: "abab!" });
    const helperStart = run.trace.find((t) => t.flow === "Double" && t.type === "control:callable")!;
    expect(helperStart.path).toEqual(["Call Flow → Double"]);
    expect(helperStart.outputs).toMatchObject({
      item: "ab",
      suffix: "!",
      Caller: { id: "caller", method: "call-flow", name: "Caller", execution_id: "execution-1" },
      "Execution ID": "execution-2",
    });
  });
});

describe("For Each, Map, Filter Custom, Reduce", () => {
  it("Map runs the helper once per item, in order, and lists what each Return gives", async () => {
    const mapper = flow({ name: "Mapper", trigger: helperFlow({ params: { words: "string[]" } }) }, (f) => {
      const m = f.add(
        kernel.list.map({
          list: f.trigger.words,
          flo: double,
          concurrency: 1,
          customInputs: [item, { key: "suffix", type: "string", value: "." }],
        }),
      );
      return { list: m.newList };
    });
    const run = await simulate(mapper, { input: { words: ["a", "b", "c"] }, library: fakeLibrary });
    expect(run.error).toBeUndefined();
    expect(run.trace.find((t) => t.type === "list:map")!.outputs).toEqual({ "new list": ["aa.", "bb.", "cc."] });
    const starts = run.trace.filter((t) => t.flow === "Double" && t.type === "control:callable");
    expect(starts.map((t) => [t.path, t.outputs.Index, t.outputs.item])).toEqual([
      [["Map #1"], 0, "a"],
      [["Map #2"], 1, "b"],
      [["Map #3"], 2, "c"],
    ]);
  });

  it("For Each runs the helper per item; with a concurrency of N the items of a batch start at one virtual time", async () => {
    const slow = flow({ name: "Slow", trigger: helperFlow({ params: { item: "string" } }) }, (f) => {
      f.add(kernel.control.wait({ delay: 1, unit: "minute" }));
    });
    const loop = flow({ name: "Loop", trigger: helperFlow({ params: { words: "string[]" } }) }, (f) => {
      f.add(kernel.list.each({ list: f.trigger.words, flo: slow, concurrency: 2, customInputs: [item] }));
      f.add(kernel.string.toLowerCase({ string: "DONE" }));
    });
    const run = await simulate(loop, { input: { words: ["a", "b", "c", "d", "e"] }, library: fakeLibrary, now: "2025-01-01T00:00:00Z" });
    expect(run.error).toBeUndefined();
    const waits = run.trace.filter((t) => t.type === "control:wait").map((t) => t.at.slice(11, 16));
    expect(waits).toEqual(["00:00", "00:00", "00:01", "00:01", "00:02"]);
    // Three batches of one minute each.
    expect(run.trace.at(-1)).toMatchObject({ card: "To Lower Case", at: "2025-01-01T00:03:00.000Z" });
  });

  it("Filter Custom keeps the items whose helper returns true; Reduce threads the memo through the helper", async () => {
    const isLong = flow({ name: "Is Long", trigger: helperFlow({ params: { item: "string" } }) }, (f) => {
      const r = f.ifElse(
        { left: f.trigger.item, operator: ">", right: "b" },
        (t) => ({ keep: t.add(kernel.control.let({ customInputs: [{ key: "keep", type: "boolean", value: true }] })).$custom("keep") }),
        (e) => ({ keep: e.add(kernel.control.let({ customInputs: [{ key: "keep", type: "boolean", value: false }] })).$custom("keep") }),
      );
      return { keep: r.$out("keep") };
    });
    const append = flow({ name: "Append", trigger: helperFlow({ params: { item: "string", memo: "string" } }) }, (f) => {
      return { memo: f.add(kernel.string.concat({ string1: f.trigger.memo, string2: f.trigger.item })).output };
    });
    const both = flow({ name: "Both", trigger: helperFlow({ params: { words: "string[]", rows: "object[]" } }) }, (f) => {
      const kept = f.add(
        kernel.list.filter({ list: f.trigger.rows, flo: isLong, concurrency: 1, customInputs: [{ ...item, fromItem: "w" }] }),
      );
      // The Reduce variant whose memo is Text; its list is a list of objects, each passing its field "w".
      const all = f.add(
        kernel.list.reduce({
          variant: "e26fd104",
          list: f.trigger.rows,
          memo: ">",
          flo: append,
          customInputs: [
            { ...item, fromItem: "w" },
            { key: "memo", type: "string" },
          ],
        }),
      );
      return { kept: kept.list, all: all.item };
    });
    const words = ["a", "c", "b", "d"];
    const run = await simulate(both, { input: { words, rows: words.map((w) => ({ w })) }, library: fakeLibrary });
    expect(run.error).toBeUndefined();
    expect(run.trace.find((t) => t.type === "list:filter")!.outputs).toEqual({ list: [{ w: "c" }, { w: "d" }] });
    expect(run.outputs).toMatchObject({ all: ">acbd" });
  });

  it("For Each - Ignore Errors goes on when an item's helper fails; For Each fails with it", async () => {
    // Text → number on the pin: "bad" cannot be converted, the card fails (Okta's "Invalid type conversion").
    const picky = flow({ name: "Picky", trigger: helperFlow({ params: { item: "string" } }) }, (f) => {
      f.add(kernel.math.add({ a: f.trigger.item, b: 1 }));
      f.add(kernel.string.toLowerCase({ string: f.trigger.item }));
    });
    const fromW = { ...item, fromItem: "w" };
    const lenient = flow({ name: "Lenient", trigger: helperFlow({ params: { words: "object[]" } }) }, (f) => {
      f.add(kernel.list.asyncEach({ list: f.trigger.words, flo: picky, concurrency: 1, customInputs: [fromW] }));
    });
    const strict = flow({ name: "Strict", trigger: helperFlow({ params: { words: "object[]" } }) }, (f) => {
      f.add(kernel.list.each({ list: f.trigger.words, flo: picky, concurrency: 1, customInputs: [fromW] }));
    });
    const words = ["1", "bad", "3"].map((w) => ({ w }));
    const ok = await simulate(lenient, { input: { words }, library: fakeLibrary });
    expect(ok.status).toBe("completed");
    expect(ok.trace.find((t) => t.type === "list:asyncEach")!.note).toBe("1 of 3 items failed (ignored)");
    expect(ok.trace.filter((t) => t.type === "string:toLowerCase").map((t) => t.outputs.output)).toEqual(["1", "3"]);
    const failed = await simulate(strict, { input: { words }, library: fakeLibrary });
    expect(failed.status).toBe("failed");
    expect(failed.error?.okta).toMatchObject({
      message: 'Invalid type conversion: the text "bad" is not a number',
      code: 400,
      method: "add",
      flo: "picky",
    });
    expect(failed.trace.filter((t) => t.type === "string:toLowerCase")).toHaveLength(1);
  });

  it("warns when no argument of an iterating card takes the list item", async () => {
    // The build refuses a required parameter left unmapped; an optional one (as exports have them) runs, with a warning.
    const lenient = flow({ name: "Lenient", trigger: helperFlow({ params: { item: "string?" } }) }, (f) => {
      f.add(kernel.string.toLowerCase({ string: f.trigger.item }));
    });
    const loop = flow({ name: "No Item", trigger: helperFlow({ params: { words: "string[]" } }) }, (f) => {
      f.add(kernel.list.each({ list: f.trigger.words, flo: lenient, concurrency: 1 }));
    });
    const run = await simulate(loop, { input: { words: ["a"] }, library: fakeLibrary });
    expect(run.warnings).toEqual([
      `card "For Each" in flow "No Item" passes no list item to its helper flow: none of its arguments is set to the item`,
    ]);
  });

  it("Repeat runs its helper count times; Map to List runs it per key of an object, as { key, value }", async () => {
    const pair = flow({ name: "Pair", trigger: helperFlow({ params: { entry: "object" } }) }, (f) => {
      const key = f.add(kernel.object.get({ object: f.trigger.entry, path: "key" }));
      const value = f.add(kernel.object.get({ object: f.trigger.entry, path: "value" }));
      return { text: f.add(kernel.string.concat({ string1: key.output, string2: value.output })).output };
    });
    const tick = flow({ name: "Tick", trigger: helperFlow({ params: {} }) }, (f) => {
      f.add(kernel.string.toLowerCase({ string: "TICK" }));
    });
    const both = flow({ name: "Repeat and Map to List", trigger: helperFlow({ params: { settings: "object" } }) }, (f) => {
      f.add(kernel.control.times({ count: 3, flo: tick, concurrency: 1 }));
      const list = f.add(
        kernel.object.map({
          object: f.trigger.settings,
          flo: pair,
          concurrency: 1,
          customInputs: [{ key: "entry", type: "object", fromItem: "" }],
        }),
      );
      return { list: list.newList };
    });
    const run = await simulate(both, { input: { settings: { a: "1", b: "2" } }, library: fakeLibrary });
    expect(run.error).toBeUndefined();
    expect(run.trace.filter((t) => t.flow === "Tick" && t.type === "control:callable").map((t) => [t.path, t.outputs.Index])).toEqual([
      [["Repeat #1"], 0],
      [["Repeat #2"], 1],
      [["Repeat #3"], 2],
    ]);
    expect(run.trace.find((t) => t.type === "object:map")!.outputs).toEqual({ "new list": ["a1", "b2"] });
  });

  it("Call Flow Async runs the helper as its own execution: its failure does not fail the caller", async () => {
    const failing = flow({ name: "Failing", trigger: helperFlow({ params: {} }) }, (f) => {
      f.add(kernel.control.throwIf({ leftOperand: true, operator: "==", rightOperand: true, message: "async failure", statusCode: 500 }));
    });
    const caller = flow({ name: "Fire and forget", trigger: helperFlow({ params: {} }) }, (f) => {
      f.add(kernel.control.run({ flo: failing }));
      f.add(kernel.string.toLowerCase({ string: "GOES ON" }));
    });
    const run = await simulate(caller, { library: fakeLibrary });
    expect(run.status).toBe("completed");
    expect(run.trace.find((t) => t.type === "control:run")!.note).toBe("the called flow failed (async, the caller goes on): async failure");
    expect(run.trace.at(-1)!.outputs).toEqual({ output: "goes on" });
  });
});
