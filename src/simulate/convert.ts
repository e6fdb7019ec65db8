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
import { isPlainObject } from "./values.js";

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
  const f = isPlainObject(flags) ? flags : {};
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

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A date text → ISO 8601 in UTC with milliseconds. ISO dates without an offset are UTC (never the machine's time
 * zone: a run gives the same values everywhere); other texts are read only when they name their zone.
 */
export function toIsoDate(text: string): string {
  const m = ISO.exec(text.trim());
  let ms: number;
  if (m) {
    const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "0", zone] = m;
    ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(frac.padEnd(3, "0").slice(0, 3)));
    if (zone && zone.toUpperCase() !== "Z") {
      const sign = zone.startsWith("-") ? -1 : 1;
      const digits = zone.slice(1).replace(":", "");
      ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
    }
  } else {
    ms = /(?:\bZ\b|GMT|UTC|[+-]\d{2}:?\d{2}\s*$)/i.test(text) ? Date.parse(text) : Number.NaN;
  }
  return Number.isNaN(ms) ? fail(`the text ${JSON.stringify(text.slice(0, 40))} is not a date`) : new Date(ms).toISOString();
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
