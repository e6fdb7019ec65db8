/**
 * Okta's automatic conversions, as a simulated run applies them to a value on its way into an input:
 * - the pin's `transform` (FLOPACK.md §5.4: dateTime, parse, wrapArray, stringify, toString, isoString,
 *   parseFloat, booleanToString), when the flopack's `flags["auto-transform"]` is on;
 * - the loose flags, which Okta does not document (every export sets all of them). What they do here, assumed:
 *   `looseStrings`: a Text input given a number or true/false reads its text;
 *   `looseBooleans`: a True/False input given "true"/"false" (any case) or 1/0 reads the boolean;
 *   `looseNulls`: a required input left empty reaches the card empty; without it the card fails
 *   ("Invalid input", 400) before it runs.
 * A value that cannot be converted fails the card as Okta's "Invalid type conversion" does (400).
 */
import { FlowFailure } from "./errors.js";
import { isoDate, readDate } from "./functions/dates.js";
import { isObj } from "./functions/values.js";

export interface SimFlags {
  autoTransform: boolean;
  looseStrings: boolean;
  looseBooleans: boolean;
  looseNulls: boolean;
}

/** The flags every export carries. */
export const DEFAULT_FLAGS: SimFlags = { autoTransform: true, looseStrings: true, looseBooleans: true, looseNulls: true };

/** Reads a flopack's `flags` object; a flag that is missing counts as off (the file says nothing of it). */
export function flagsOf(flags: unknown): SimFlags {
  const f = isObj(flags) ? flags : {};
  return {
    autoTransform: f["auto-transform"] === true,
    looseStrings: f.looseStrings === true,
    looseBooleans: f.looseBooleans === true,
    looseNulls: f.looseNulls === true,
  };
}

export type Converter = (value: unknown) => unknown;

const fail = (message: string): never => {
  throw new FlowFailure(`Invalid type conversion: ${message}`, 400);
};

/** The conversion a pin's transform names; undefined for a transform this simulator does not know. */
export function pinTransform(convert: string | undefined, forceWrapArray: boolean): Converter | undefined {
  switch (convert) {
    case undefined:
      // a wrap-only transform (no conversion): the value goes in as a one-item list
      return forceWrapArray ? (v) => (v === undefined ? v : [v]) : undefined;
    case "dateTime":
      return (v) => (typeof v === "string" && v !== "" ? toIsoDate(v) : v);
    case "isoString":
      return (v) => (typeof v === "string" && v !== "" ? toIsoDate(v) : v);
    case "parse":
      return (v) => (typeof v === "string" && v.trim() !== "" ? parseJson(v) : v);
    case "stringify":
      return (v) => (v === undefined || typeof v === "string" ? v : JSON.stringify(v));
    case "toString":
      return (v) => (typeof v === "number" ? String(v) : v);
    case "booleanToString":
      return (v) => (typeof v === "boolean" ? String(v) : v);
    case "parseFloat":
      return (v) => (typeof v === "string" && v.trim() !== "" ? toNumber(v) : v);
    case "wrapArray":
      return (v) => (v === undefined ? v : Array.isArray(v) && !forceWrapArray ? v : [v]);
    default:
      return undefined;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fail(`the text ${JSON.stringify(text.slice(0, 40))} is not JSON`);
  }
}

function toNumber(text: string): number {
  const n = Number.parseFloat(text);
  return Number.isNaN(n) ? fail(`the text ${JSON.stringify(text.slice(0, 40))} is not a number`) : n;
}

/** A date text → the simulator's Date value (ISO 8601 in UTC with milliseconds), read as Date inputs are (dates.ts). */
function toIsoDate(text: string): string {
  const ms = readDate(text);
  return ms === undefined ? fail(`the text ${JSON.stringify(text.slice(0, 40))} is not a date`) : isoDate(ms);
}

/** The loose conversions toward an input's type (`type` is Okta's primitive type name). */
export function looseConverter(type: string, collection: boolean, flags: SimFlags): Converter | undefined {
  if (collection) return undefined;
  if (type === "string" && flags.looseStrings) return (v) => (typeof v === "number" || typeof v === "boolean" ? String(v) : v);
  if (type === "boolean" && flags.looseBooleans) {
    return (v) => {
      if (typeof v === "string") {
        const t = v.trim().toLowerCase();
        return t === "true" ? true : t === "false" ? false : v;
      }
      return v === 1 ? true : v === 0 ? false : v;
    };
  }
  return undefined;
}

/** Two conversions in a row (either may be missing). */
export function chain(first: Converter | undefined, second: Converter | undefined): Converter | undefined {
  if (!first) return second;
  if (!second) return first;
  return (v) => second(first(v));
}
