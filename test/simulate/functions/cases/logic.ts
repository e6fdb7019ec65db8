import { okta, type ConformanceCase } from "../conformance.js";

const COMPARE = "https://help.okta.com/wf/en-us/Content/Topics/Workflows/function-reference/True-False/truefalse_compare.htm";
const ASSIGN_IF = "https://help.okta.com/wf/en-us/Content/Topics/Workflows/function-reference/Branching/branching_assignif.htm";
const EXPRESSION = "https://help.okta.com/en/prod/Content/Topics/Workflows/function-reference/True-False/truefalse_expression.htm";

/** Compare's operands, typed as the case needs (the card's fields take the type the author sets). */
function compare(title: string, a: unknown, op: string, b: unknown, type: string, result: boolean, assumed?: string): ConformanceCase {
  return {
    card: "boolean:compare",
    title,
    doc: COMPARE,
    ...(assumed ? { assumed } : {}),
    inputs: { "left-operand": a, operator: op, "right-operand": b },
    types: { "left-operand": type, "right-operand": type },
    expect: { result },
  };
}

export const logicCases: readonly ConformanceCase[] = [
  compare("numbers compare by value: 80 > 9", 80, ">", 9, "number", true),
  compare('text compares alphabetically: "80" > "9" is false', "80", ">", "9", "string", false),
  compare("equal to", "Customer", "==", "Customer", "string", true),
  compare("not equal", "Customer", "!=", "Vendor", "string", true),
  compare("greater than or equal", 1000, ">=", 1000, "number", true),
  compare("less than or equal", 999, "<=", 1000, "number", true),
  compare("less than on dates", "2016-09-06T00:00:00Z", "<", "2016-09-07T00:00:00.000Z", "Date", true),
  compare("12 is a multiple of 4", 12, "%", 4, "number", true),
  compare("0 is a multiple of 4", 0, "%", 4, "number", true),
  compare("-4 is a multiple of 4", -4, "%", 4, "number", true),
  compare("7 is not a multiple of 4", 7, "%", 4, "number", false),
  compare('"test" is in "this is a test"', "test", "in", "this is a test", "string", true),
  compare('there is no "i" in "team"', "i", "in", "team", "string", false),
  compare('"i" is not in "team"', "i", "not in", "team", "string", true),
  compare('{"test":123} has key "test"', { test: 123 }, "has", "test", "object", true),
  compare("an object doesn't have a key it lacks", { test: 123 }, "doesn't have", "other", "object", true),
  compare("empty text is empty", "", "is empty", undefined, "string", true, "nothing, empty text, [] and {} are empty"),
  compare("a list with an item is not empty", ["a"], "is not empty", undefined, "object", true, "nothing, empty text, [] and {} are empty"),
  compare(
    "objects compare by content",
    { a: 1, b: [2] },
    "==",
    { b: [2], a: 1 },
    "object",
    true,
    "objects and lists are equal when their content is",
  ),
  {
    card: "boolean:compare",
    title: "an unknown comparison fails the card",
    doc: COMPARE,
    assumed: "an operator outside the card's list is an input error (400)",
    inputs: { "left-operand": 1, operator: "~", "right-operand": 1 },
    error: "unknown comparison",
  },
  {
    card: "control:assignIf",
    title: "value if true when the comparison holds",
    doc: ASSIGN_IF,
    inputs: { "left-operand": 80, operator: ">", "right-operand": 9, valueIfTrue: 1, valueIfFalse: 0 },
    types: { "left-operand": "number", "right-operand": "number" },
    expect: { output: 1 },
  },
  {
    card: "control:assignIf",
    title: "value if false when it does not (text order)",
    doc: ASSIGN_IF,
    inputs: { "left-operand": "80", operator: ">", "right-operand": "9", valueIfTrue: "big", valueIfFalse: "small" },
    types: { "left-operand": "string", "right-operand": "string" },
    expect: { output: "small" },
  },
  {
    card: "control:lookup",
    title: "the value of the option named by the key, else the else value",
    doc: okta("branching/branching_lookup.htm"),
    assumed: "options are the fields of the options group, matched by exact name",
    inputs: { key: "user.mfa.factor.activate", else: 0, "options.user.mfa.factor.activate": 1, "options.user.mfa.factor.deactivate": 2 },
    expect: { result: 1 },
  },
  {
    card: "control:lookup",
    title: "no option matches: the else value",
    doc: okta("branching/branching_lookup.htm"),
    inputs: { key: "other", else: "none" },
    custom: [{ key: "group", group: "options", value: "g" }],
    expect: { result: "none" },
  },
  {
    card: "boolean:or",
    title: "true if either is true",
    doc: okta("true-false/truefalse_or.htm"),
    inputs: { a: false, b: true },
    expect: { output: true },
  },
  {
    card: "boolean:or",
    title: "false if both are false",
    doc: okta("true-false/truefalse_or.htm"),
    inputs: { a: false, b: false },
    expect: { output: false },
  },
  {
    card: "boolean:or",
    title: 'text "false" is false, other text is true',
    doc: EXPRESSION,
    inputs: { a: "false", b: "yes" },
    expect: { output: true },
  },
  {
    card: "boolean:and",
    title: "true only if both are true",
    doc: okta("true-false/truefalse_and.htm"),
    inputs: { a: true, b: false },
    expect: { output: false },
  },
  {
    card: "boolean:and",
    title: "the number 0 is false",
    doc: EXPRESSION,
    inputs: { a: true, b: 0 },
    expect: { output: false },
  },
  {
    card: "boolean:xor",
    title: "true if only one is true",
    doc: okta("true-false/truefalse_xor.htm"),
    inputs: { a: true, b: false },
    expect: { output: true },
  },
  {
    card: "boolean:xor",
    title: "false if both are true",
    doc: okta("true-false/truefalse_xor.htm"),
    inputs: { a: true, b: true },
    expect: { output: false },
  },
];
