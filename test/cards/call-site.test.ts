import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { callSite, parseFrame } from "../../src/dsl/call-site.js";

const thisFile = fileURLToPath(import.meta.url);

function whoCalledMe() {
  return callSite(1);
}

describe("callSite", () => {
  it("depth 0 is the caller of callSite, depth 1 its caller", () => {
    const here = callSite(0);
    expect(here?.file).toBe(thisFile);
    const there = whoCalledMe();
    expect(there?.file).toBe(thisFile);
    expect(there!.line).toBe(here!.line + 2);
  });

  it("returns undefined when unsure", () => {
    expect(callSite(-1)).toBeUndefined();
    expect(callSite(1.5)).toBeUndefined();
    expect(callSite(10_000)).toBeUndefined();
  });
});

describe("parseFrame", () => {
  it.each([
    ["    at Object.<anonymous> (/home/u/flows/a.flow.ts:12:7)", { file: "/home/u/flows/a.flow.ts", line: 12, column: 7 }],
    ["    at /home/u/flows/a.flow.ts:3:1", { file: "/home/u/flows/a.flow.ts", line: 3, column: 1 }],
    ["    at file:///home/u/my%20flows/a.flow.ts:4:2", { file: "/home/u/my flows/a.flow.ts", line: 4, column: 2 }],
    ["    at async run (file:///x/b.ts:9:3)", { file: "/x/b.ts", line: 9, column: 3 }],
    ["    at new Thing (C:\\work\\a.ts:5:6)", { file: "C:\\work\\a.ts", line: 5, column: 6 }],
  ])("%s", (line, expected) => {
    expect(parseFrame(line)).toEqual(expected);
  });

  it.each([
    "    at node:internal/modules/run_main:1:2",
    "    at Array.map (<anonymous>)",
    "    at eval (eval at <anonymous> (/x/a.ts:1:1), <anonymous>:1:1)",
    "    at native",
    "Error: boom",
    "    at /x/a.ts:0:1",
  ])("undefined for %s", (line) => {
    expect(parseFrame(line)).toBeUndefined();
  });
});
