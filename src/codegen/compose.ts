/**
 * Compose cards as template literals: `compose\`Audit of ${count.$out("length")} admins\``, when the `compose`
 * tag gives back the same card (its placeholder tokens aside, which the tag generates): the card holds only its
 * text and placeholders of Okta's usual shape, each placeholder used once in the text and wired by one pin that
 * can be written in place. Anything else keeps the generic `card(...)` form.
 *
 * The template's text reaches the code only through `templateText` (TS factory nodes, raw text checked by the
 * factory against the cooked text): nothing is spliced into code text.
 */
import { ts } from "ts-morph";
import { placeholderEntry, splitTemplate } from "../shapes/compose.js";
import { dataOf } from "../shapes/entries.js";
import type { IrCard, IrPin, JsonObject } from "../ir/types.js";
import { COMPOSE_ADDRESS } from "../shapes/known-cards.js";
import { jsonEqual } from "../util/json.js";
import { isBare, sameIgnoringIndex } from "./entry-shapes.js";
import { literal, objectLiteral } from "./literal.js";

const f = ts.factory;

export interface ComposeContext {
  /** The template's display name, its inputs, and the variant `compose` picks when it is given none. */
  templateName: string;
  templateInputs: readonly JsonObject[];
  defaultVariant: string | undefined;
  /** The `compose` identifier (imported from "flocode"). */
  tag(): ts.Expression;
  /** The ref expression of the one pin into the card's `j`-th custom input, when it can be written in place. */
  placeholderValue(j: number): { expr: () => ts.Expression; pin: IrPin } | undefined;
}

/** The tagged template for a Compose card and the pins it writes, or undefined when the card needs `card(...)`. */
export function composeTemplate(card: IrCard, ctx: ComposeContext): { expr: ts.Expression; pins: IrPin[] } | undefined {
  if (card.address !== COMPOSE_ADDRESS || card.comments !== undefined) return undefined;
  const { inputValues, extraInputs, ...rest } = card;
  if (!isBare({ ...rest, inputValues: [], extraInputs: [] })) return undefined;
  // The text: its value, or the template's when the card keeps that.
  const textEntries = ctx.templateInputs.filter((e) => e.key === "_text_");
  if (textEntries.length !== 1 || textEntries[0]!.group !== null || inputValues.length > 1) return undefined;
  const given = inputValues[0];
  if (given && (given.entry.key !== "_text_" || given.entry.group !== null || (given.entry.nth ?? 0) !== 0 || given.value.kind !== "json"))
    return undefined;
  const text = given?.value.kind === "json" ? given.value.data : dataOf(textEntries[0]!);
  if (typeof text !== "string") return undefined;

  // Nothing is built (no import recorded) until the card is known to fit: values are built last.
  const values = new Map<string, { expr: () => ts.Expression; pin: IrPin }>();
  for (const [j, x] of extraInputs.entries()) {
    const key = x.entry.key;
    if (typeof key !== "string" || values.has(key) || x.links !== undefined) return undefined;
    if (x.value.kind !== "json" || !jsonEqual(x.value.data, "")) return undefined;
    if (!sameIgnoringIndex(placeholderEntry(key, 0), x.entry)) return undefined;
    const value = ctx.placeholderValue(j);
    if (!value) return undefined;
    values.set(key, value);
  }
  const parts = splitTemplate(text, new Set(values.keys()));
  const used = parts.flatMap((p) => (p.token === undefined ? [] : [p.token]));
  // Each placeholder exactly once: the tag writes one placeholder per `${}`.
  if (used.length !== values.size || new Set(used).size !== used.length) return undefined;

  const options: Array<[string, ts.Expression]> = [];
  if (card.name !== ctx.templateName) options.push(["name", literal(card.name)]);
  if (card.variant !== ctx.defaultVariant) options.push(["variant", literal(card.variant)]);
  const tag = options.length > 0 ? f.createCallExpression(ctx.tag(), undefined, [objectLiteral(options)]) : ctx.tag();
  const spans = parts.slice(0, -1).map((p) => values.get(p.token!)!.expr());
  return {
    expr: f.createTaggedTemplateExpression(
      tag,
      undefined,
      templateLiteral(
        parts.map((p) => p.text),
        spans,
      ),
    ),
    pins: [...values.values()].map((v) => v.pin),
  };
}

/** A template literal of `texts` (n + 1 of them) around `spans` (n expressions). */
export function templateLiteral(texts: readonly string[], spans: readonly ts.Expression[]): ts.TemplateLiteral {
  if (spans.length === 0) return f.createNoSubstitutionTemplateLiteral(texts[0]!, templateText(texts[0]!));
  const head = f.createTemplateHead(texts[0]!, templateText(texts[0]!));
  return f.createTemplateExpression(
    head,
    spans.map((e, i) => {
      const t = texts[i + 1]!;
      return f.createTemplateSpan(
        e,
        i === spans.length - 1 ? f.createTemplateTail(t, templateText(t)) : f.createTemplateMiddle(t, templateText(t)),
      );
    }),
  );
}

/** Code points written as they are in template text; everything else (and `\`, `` ` ``, `${`) is escaped. */
const VISIBLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/**
 * The raw text of a template part for `text`: printable characters as they are and line feeds as line breaks,
 * so the text reads as written; controls (CR included), other line terminators, invisible and bidi characters
 * and lone surrogates as escapes. A space that begins or ends a line is escaped (`\x20`): editors that trim
 * trailing spaces and the printer's re-indenting (print.ts rewrites leading spaces) never touch the text. The
 * factory checks that the raw text cooks back to `text`.
 */
export function templateText(text: string): string {
  let out = "";
  const chars = [...text];
  for (const [i, ch] of chars.entries()) {
    const code = ch.codePointAt(0)!;
    if (ch === "\\" || ch === "`") out += `\\${ch}`;
    else if (ch === "$" && chars[i + 1] === "{")
      out += "\\$"; // never `${` (a `$` ending the part is fine: `$${x}`)
    else if (ch === "\n") out += "\n";
    else if (ch === " " && (chars[i - 1] === "\n" || chars[i + 1] === "\n")) out += "\\x20";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else if (code > 0x7f && VISIBLE.test(ch)) out += ch;
    else out += code > 0xffff ? `\\u{${code.toString(16).toUpperCase()}}` : `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
  }
  return out;
}
