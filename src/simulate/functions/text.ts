/**
 * Text cards (module `string`): Concatenate, Split, Replace, Replace Patterns, Text Segment, Trim, To Lower
 * Case, Find, Find Last, Find Pattern, Length, At, Base64, Base64 Decode, Random. Compose is the interpreter's
 * (its placeholders are wiring). Patterns are compiled once per pattern and flags, not per call.
 */
import { Buffer } from "node:buffer";
import { CardFailure, type CardFunction } from "../card-function.js";
import { arg, group, one } from "./args.js";
import { bool, isBlank, num, text } from "./values.js";

const patterns = new Map<string, RegExp>();
const MAX_PATTERNS = 512;

/** A regular expression by source and flags, compiled on first use; a bad one fails the card. */
export function pattern(source: string, flags: string): RegExp {
  const key = `${flags}/${source}`;
  let re = patterns.get(key);
  if (!re) {
    try {
      re = new RegExp(source, flags);
    } catch (error) {
      throw new CardFailure(`invalid pattern ${JSON.stringify(source)}: ${(error as Error).message}`);
    }
    if (patterns.size >= MAX_PATTERNS) patterns.clear();
    patterns.set(key, re);
  }
  return re;
}

const SPECIAL = /[.*+?^${}()|[\]\\]/g;

function literal(source: string): string {
  return source.replace(SPECIAL, "\\$&");
}

/** text 1, text 2, then every field the author added, joined without spaces. */
const concat: CardFunction = (call) => {
  let out = text(arg(call, "string1")) + text(arg(call, "string2"));
  const inputs = call.inputs;
  for (let i = 0; i < inputs.length; i++) if (inputs[i]!.custom) out += text(inputs[i]!.value);
  return one(call, out);
};

/** Empty separator: a comma (the page: "separated by a comma or another specified delimiter"). */
const split: CardFunction = (call) => {
  const delimiter = arg(call, "delimiter");
  return one(call, text(arg(call, "string")).split(isBlank(delimiter) ? "," : text(delimiter)));
};

/** The text `src` (not a pattern), first occurrence or all (`global`), with or without case (`sensitive`). */
const replace: CardFunction = (call) => {
  const source = text(arg(call, "string"));
  const from = text(arg(call, "src"));
  const to = text(arg(call, "dest"));
  if (from === "") return one(call, source);
  const global = bool(arg(call, "global"));
  const sensitive = bool(arg(call, "sensitive"));
  if (sensitive) return one(call, global ? source.split(from).join(to) : replaceFirst(source, from, to));
  return one(
    call,
    source.replace(pattern(literal(from), global ? "gi" : "i"), () => to),
  );
};

function replaceFirst(source: string, from: string, to: string): string {
  const at = source.indexOf(from);
  return at === -1 ? source : source.slice(0, at) + to + source.slice(at + from.length);
}

/** Replace Patterns: each pattern (a regular expression, group "patterns") replaced in turn. */
const replaceAny: CardFunction = (call) => {
  let out = text(arg(call, "text"));
  const replacement = text(arg(call, "replacement"));
  const flags = `${bool(arg(call, "global")) ? "g" : ""}${bool(arg(call, "case sensitive")) ? "" : "i"}`;
  for (const input of group(call, "patterns")) {
    const source = text(input.value);
    if (source !== "") out = out.replace(pattern(source, flags), () => replacement);
  }
  return one(call, out);
};

/**
 * Text Segment: JavaScript's substring with Okta's empty inputs as null, so an empty "end before" takes the first
 * "start at" characters and an empty "start at" the first "end before" ones (the page says both).
 */
const substr: CardFunction = (call) => {
  const source = text(arg(call, "string"));
  return one(call, source.substring(num(arg(call, "start"), "start"), num(arg(call, "end"), "end")));
};

const trim: CardFunction = (call) => one(call, text(arg(call, "string")).trim());
const toLowerCase: CardFunction = (call) => one(call, text(arg(call, "string")).toLowerCase());
const toUpperCase: CardFunction = (call) => one(call, text(arg(call, "string")).toUpperCase());
const length: CardFunction = (call) => one(call, text(arg(call, "string")).length);

/** Position of the first occurrence (0-based), or -1. */
const find: CardFunction = (call) => one(call, text(arg(call, "string")).indexOf(text(arg(call, "substr"))));

/** Position of the last occurrence at or before `index` (empty: the whole text), or -1. */
const lastIndexOf: CardFunction = (call) => {
  const source = text(arg(call, "string"));
  const index = arg(call, "index");
  return one(call, source.lastIndexOf(text(arg(call, "substr")), isBlank(index) ? Infinity : num(index, "index")));
};

/** Find Pattern: position of the first match of a regular expression, or -1. */
const match: CardFunction = (call) => one(call, text(arg(call, "string")).search(pattern(text(arg(call, "target")), "")));

/** The character at a position (negative counts from the end); empty when there is none. */
const at: CardFunction = (call) => one(call, text(arg(call, "string")).at(num(arg(call, "index"), "index")) ?? "");

const base64: CardFunction = (call) => one(call, Buffer.from(text(arg(call, "string")), "utf8").toString("base64"));
const base64Decode: CardFunction = (call) => one(call, Buffer.from(text(arg(call, "string")), "base64").toString("utf8"));

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Random text of letters and digits, from the run's seeded randomness. */
const random: CardFunction = (call) => {
  const size = num(arg(call, "length"), "length", 10);
  if (!Number.isInteger(size) || size < 0 || size > 1_000_000) throw new CardFailure(`length: ${size} is not a length`);
  let out = "";
  for (let i = 0; i < size; i++) out += ALPHANUMERIC[Math.floor(call.env.random() * ALPHANUMERIC.length)];
  return one(call, out);
};

export const textCards: ReadonlyArray<readonly [string, CardFunction]> = [
  ["string:concat", concat],
  ["string:split", split],
  ["string:replace", replace],
  ["string:replaceAny", replaceAny],
  ["string:substr", substr],
  ["string:trim", trim],
  ["string:toLowerCase", toLowerCase],
  ["string:toUpperCase", toUpperCase],
  ["string:length", length],
  ["string:find", find],
  ["string:lastIndexOf", lastIndexOf],
  ["string:match", match],
  ["string:at", at],
  ["string:base64", base64],
  ["string:base64Decode", base64Decode],
  ["string:random", random],
];
