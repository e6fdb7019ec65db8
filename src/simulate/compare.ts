/**
 * The comparison of If/Else, Continue If, If/ElseIf and Return Error If ("value a", "comparison", "value b"),
 * from Okta's Branching reference (function-reference/Branching/branching_if.htm, "Table of Relational
 * Operators"): the operand types decide how values compare: "greater than compares numbers based on numeric
 * value but text based on alphabetical sort order. So the number comparison 80 > 9 is true, but the text
 * comparison "80" > "9" is false". Assumed where the page is silent: text compares by code units (no locale);
 * "has key" also accepts a list holding the value; an empty comparison means "equal to".
 */
import { FlowFailure } from "./errors.js";
import { deepEqual, isEmptyValue, isPlainObject } from "./values.js";

/** An operand: its value and the type its field declares (string, number, boolean, Date, object). */
export interface Operand {
  value: unknown;
  type: string;
}

export const OPERATORS = ["==", "!=", ">=", "<=", ">", "<", "%", "in", "not in", "has", "doesn't have", "is empty", "is not empty"];

export function compare(a: Operand, operator: unknown, b: Operand): boolean {
  const op = operator === undefined || operator === null || operator === "" ? "==" : String(operator);
  switch (op) {
    case "is empty":
      return isEmptyValue(a.value);
    case "is not empty":
      return !isEmptyValue(a.value);
    case "==":
      return equal(a, b);
    case "!=":
      return !equal(a, b);
    case ">":
      return order(a, b) > 0;
    case "<":
      return order(a, b) < 0;
    case ">=":
      return order(a, b) >= 0;
    case "<=":
      return order(a, b) <= 0;
    case "%": {
      const x = Number(a.value);
      const y = Number(b.value);
      return Number.isFinite(x) && Number.isFinite(y) && y !== 0 && x % y === 0;
    }
    case "in":
      return contains(b.value, a.value);
    case "not in":
      return !contains(b.value, a.value);
    case "has":
      return hasKey(a.value, b.value);
    case "doesn't have":
      return !hasKey(a.value, b.value);
    default:
      throw new FlowFailure(`Invalid input: unknown comparison ${JSON.stringify(op)} (expected one of ${OPERATORS.join(", ")})`, 400);
  }
}

/** The type both operands are compared as: number or Date when either side says so, else the first side's. */
function modeOf(a: Operand, b: Operand): string {
  if (a.type === "number" || b.type === "number") return "number";
  if (a.type === "Date" || b.type === "Date") return "Date";
  if (a.type === "boolean" && b.type === "boolean") return "boolean";
  if (a.type === "object" || b.type === "object") return "object";
  return "string";
}

function equal(a: Operand, b: Operand): boolean {
  const mode = modeOf(a, b);
  if (isEmptyValue(a.value) || isEmptyValue(b.value)) return isEmptyValue(a.value) && isEmptyValue(b.value);
  switch (mode) {
    case "number":
      return Number(a.value) === Number(b.value);
    case "Date":
      return time(a.value) === time(b.value);
    case "boolean":
      return bool(a.value) === bool(b.value);
    case "object":
      return deepEqual(a.value, b.value);
    default:
      return text(a.value) === text(b.value);
  }
}

function order(a: Operand, b: Operand): number {
  const mode = modeOf(a, b);
  if (mode === "number" || mode === "Date") {
    const x = mode === "number" ? Number(a.value) : time(a.value);
    const y = mode === "number" ? Number(b.value) : time(b.value);
    return Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : x - y;
  }
  const x = text(a.value);
  const y = text(b.value);
  return x < y ? -1 : x > y ? 1 : 0;
}

function text(v: unknown): string {
  if (v === undefined || v === null) return "";
  return typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v);
}

function bool(v: unknown): boolean {
  return typeof v === "string" ? v.trim().toLowerCase() === "true" : Boolean(v);
}

function time(v: unknown): number {
  return typeof v === "number" ? v : typeof v === "string" ? Date.parse(v) : Number.NaN;
}

function contains(haystack: unknown, needle: unknown): boolean {
  if (Array.isArray(haystack)) return haystack.some((x) => deepEqual(x, needle) || text(x) === text(needle));
  if (isPlainObject(haystack)) return Object.hasOwn(haystack, text(needle));
  return text(haystack).includes(text(needle));
}

function hasKey(container: unknown, key: unknown): boolean {
  if (isPlainObject(container)) return Object.hasOwn(container, text(key));
  if (Array.isArray(container)) return container.some((x) => deepEqual(x, key) || text(x) === text(key));
  return false;
}
