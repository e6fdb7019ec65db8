/**
 * Okta's relational operators: the one comparison of the simulator. Compare, Assign If and the list cards
 * (Filter, Find) run it in the library; If/Else, If/ElseIf, Continue If and Return Error If in the interpreter;
 * Search Rows for its conditions. The type of "value a" decides how values compare: numbers by value, text by
 * code units (never the machine's locale), dates by instant, objects and lists by content
 * (https://help.okta.com/wf/en-us/Content/Topics/Workflows/function-reference/True-False/truefalse_compare.htm:
 * "Be sure to set the type of value a and value b to reflect how you would like the comparison to be done ...
 * the number comparison 80 > 9 is true, the text comparison "80" > "9" is false"). The page does not say which
 * type wins when the two differ: value a's is assumed (value b's when value a has no field).
 * Also assumed: an empty side never orders (>, >=, <, <= are false), and equals only another empty side.
 */
import { CardFailure } from "../card-function.js";
import { parseDate } from "./dates.js";
import { isBlank, isEmpty, isObj, same, text } from "./values.js";

/** How the values compare: the entry type of "value a" (`string`, `number`, `Date`, `boolean`, `object`...). */
export type CompareKind = string;

export const OPERATORS = [
  "==",
  "!=",
  ">=",
  "<=",
  ">",
  "<",
  "%",
  "in",
  "not in",
  "has",
  "doesn't have",
  "===",
  "!==",
  "is empty",
  "is not empty",
] as const;
export type Operator = (typeof OPERATORS)[number];

const KNOWN = new Set<string>(OPERATORS);

/** One side of a comparison card: the value and the type its field declares ("value a", "value b"). */
export interface Operand {
  readonly value: unknown;
  readonly type: string;
}

/** `a <operator> b` as a comparison card (Compare, If/Else, Continue If...) reads its two fields. */
export function compareOperands(a: Operand | undefined, operator: unknown, b: Operand | undefined): boolean {
  return compareValues(a?.value, operator, b?.value, a?.type ?? b?.type ?? "object");
}

/** Whether `a <operator> b` holds. An unknown operator fails the card. */
export function compareValues(a: unknown, operator: unknown, b: unknown, kind: CompareKind): boolean {
  const op = typeof operator === "string" && operator !== "" ? operator : "==";
  if (!KNOWN.has(op)) throw new CardFailure(`unknown comparison ${JSON.stringify(operator)}`);
  switch (op as Operator) {
    case "==":
      return equal(a, b, kind);
    case "!=":
      return !equal(a, b, kind);
    case "===":
      return typeof a === typeof b && Array.isArray(a) === Array.isArray(b) && same(a, b);
    case "!==":
      return !(typeof a === typeof b && Array.isArray(a) === Array.isArray(b) && same(a, b));
    case ">":
      return order(a, b, kind) > 0;
    case ">=":
      return order(a, b, kind) >= 0;
    case "<":
      return order(a, b, kind) < 0;
    case "<=":
      return order(a, b, kind) <= 0;
    case "%":
      return multipleOf(a, b);
    case "in":
      return isIn(a, b);
    case "not in":
      return !isIn(a, b);
    case "has":
      return hasKey(a, b);
    case "doesn't have":
      return !hasKey(a, b);
    case "is empty":
      return isEmpty(a);
    case "is not empty":
      return !isEmpty(a);
  }
}

function equal(a: unknown, b: unknown, kind: CompareKind): boolean {
  if (isBlank(a) || isBlank(b)) return isBlank(a) && isBlank(b);
  switch (kind) {
    case "number":
      return numeric(a) === numeric(b);
    case "Date":
      return instant(a) === instant(b);
    case "boolean":
      return truth(a) === truth(b);
    case "string":
      return typeof a === "object" || typeof b === "object" ? same(a, b) : text(a) === text(b);
    default:
      if (typeof a === "object" || typeof b === "object") return same(a, b);
      return typeof a === typeof b ? a === b : text(a) === text(b);
  }
}

/** Negative, zero or positive; NaN when the values do not order (then every ordering comparison is false). */
function order(a: unknown, b: unknown, kind: CompareKind): number {
  if (isBlank(a) || isBlank(b)) return NaN;
  if (kind === "number" || (kind !== "string" && typeof a === "number" && typeof b === "number")) return numeric(a) - numeric(b);
  if (kind === "Date") return instant(a) - instant(b);
  const ta = text(a);
  const tb = text(b);
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

function multipleOf(a: unknown, b: unknown): boolean {
  const x = numeric(a);
  const y = numeric(b);
  if (y === 0) return x === 0;
  return Number.isFinite(x) && Number.isFinite(y) && x % y === 0;
}

/** "value a is a part of value b": a substring of text, or an item of a list. */
function isIn(a: unknown, b: unknown): boolean {
  if (Array.isArray(b))
    return b.some((item) => same(item, a) || (typeof item !== "object" && typeof a !== "object" && text(item) === text(a)));
  if (isObj(b)) return typeof a === "string" && Object.hasOwn(b, a);
  if (isBlank(b)) return false;
  return text(b).includes(text(a));
}

function hasKey(a: unknown, b: unknown): boolean {
  if (!isObj(a)) return false;
  return Object.hasOwn(a, text(b));
}

function numeric(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  const n = Number(text(value).trim());
  return text(value).trim() === "" ? NaN : n;
}

function instant(value: unknown): number {
  return parseDate(value, "value");
}

function truth(value: unknown): boolean {
  if (typeof value === "string") return value.trim().toLowerCase() === "true";
  return Boolean(value);
}
