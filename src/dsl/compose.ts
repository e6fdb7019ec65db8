import { freshTokens, placeholderEntry } from "../shapes/compose.js";
import { COMPOSE_ADDRESS } from "../shapes/known-cards.js";
import { DslError } from "./errors.js";
import { isRef } from "./handle.js";
import { isConverted } from "./inline.js";
import { userCallSite } from "./site.js";
import type { CallSite, CardSpec, Converted, CustomField, Input } from "./types.js";

/** What a template literal can hold: card outputs (`convert(...)`-ed or not) and constants. */
export type ComposeValue = Input<string | number | boolean> | Converted;

/** A Compose card's other props: its display name and catalog variant. */
export interface ComposeOptions {
  name?: string;
  variant?: string;
}

type ComposeTag = (strings: TemplateStringsArray, ...values: ComposeValue[]) => CardSpec<{ output: string }>;

/**
 * A Compose card from a template literal: `compose\`Hello ${user.firstName}!\``. Each card output becomes a
 * `{{{token}}}` placeholder of the card's text, wired from that output; constants are written into the text.
 * `compose({ name, variant })\`...\`` sets the card's other props.
 */
export function compose(options: ComposeOptions): ComposeTag;
export function compose(strings: TemplateStringsArray, ...values: ComposeValue[]): CardSpec<{ output: string }>;
export function compose(
  first: TemplateStringsArray | ComposeOptions,
  ...values: ComposeValue[]
): CardSpec<{ output: string }> | ComposeTag {
  const site = userCallSite();
  if (isTemplateStrings(first)) return composeCard(first, values, {}, site);
  if (typeof first !== "object" || first === null || values.length > 0)
    throw new DslError("compose is a template tag: compose`Hello ${name}`", site);
  const options: ComposeOptions = {};
  for (const [k, v] of Object.entries(first)) {
    if ((k !== "name" && k !== "variant") || typeof v !== "string")
      throw new DslError(`compose options: ${JSON.stringify(k)} must be left out, or be "name" or "variant" with a string`, site);
    options[k] = v;
  }
  return (strings: TemplateStringsArray, ...vals: ComposeValue[]) => {
    const tagSite = userCallSite();
    if (!isTemplateStrings(strings))
      throw new DslError("compose(options) returns a template tag: compose({ name })`Hello ${name}`", tagSite);
    return composeCard(strings, vals, options, tagSite);
  };
}

function isTemplateStrings(x: unknown): x is TemplateStringsArray {
  return Array.isArray(x) && Array.isArray((x as unknown as { raw?: unknown }).raw);
}

function composeCard(
  strings: TemplateStringsArray,
  values: readonly ComposeValue[],
  options: ComposeOptions,
  site: CallSite | undefined,
): CardSpec<{ output: string }> {
  // A backslash that starts no valid escape (`C:\users`) leaves the cooked text undefined: say so, never an empty text.
  const invalid = strings.findIndex((s) => s === undefined);
  if (invalid !== -1)
    throw new DslError(
      `compose: invalid escape sequence in the text ${JSON.stringify(strings.raw[invalid])}: write \\\\ for a backslash (C:\\\\users)`,
      site,
    );
  // Literal text and wired values in order; constants join the text around them.
  const pieces: string[] = [strings[0] ?? ""];
  const wired: ComposeValue[] = [];
  values.forEach((value, i) => {
    if (isRef(value) || isConverted(value)) {
      wired.push(value);
      pieces.push("");
    } else if (value === null || ["string", "number", "boolean"].includes(typeof value)) {
      pieces[pieces.length - 1] += String(value);
    } else {
      throw new DslError(`compose: value ${i + 1} must be a card output, a string, a number or a boolean`, site);
    }
    pieces[pieces.length - 1] += strings[i + 1] ?? "";
  });
  const tokens = freshTokens(pieces.join(""), wired.length);
  const text = pieces.map((p, i) => (i === 0 ? p : `{{{${tokens[i - 1]!}}}}${p}`)).join("");
  const customInputs: CustomField[] = wired.map((value, i) => ({
    key: tokens[i]!,
    type: "string",
    value,
    raw: placeholderEntry(tokens[i]!, i + 1),
  }));
  return Object.freeze({ kind: "card" as const, address: COMPOSE_ADDRESS, ...options, inputs: { _text_: text }, customInputs, site });
}
