/**
 * Compose / Expression templates (FLOPACK.md §6.7): the text input `_text_` holds `{{{token}}}` placeholders,
 * each token the key of a sibling input that receives the value (usually a pin). Shared by the `compose` tag
 * (which writes them) and import (which reads them back into a template literal).
 */
import type { JsonObject } from "../util/json.js";

/**
 * A placeholder input as Okta writes it: 202 of the 202 placeholders of the corpus's 117 Compose cards have
 * exactly this shape (4 of them also carry `metadata.ghost`, a UI cache the normaliser drops), all with data "".
 */
export function placeholderEntry(token: string, index: number): JsonObject {
  return {
    group: null,
    key: token,
    value: { error: false, proxy: false, check: false, type: "string", collection: false, data: "", available: ["string"] },
    required: false,
    ref: false,
    metadata: { index },
    flags: "d",
  };
}

/** `{{{x}}}` with x free of braces: how a template's text is read (a key holding braces is never a placeholder). */
const PLACEHOLDER = /\{\{\{([^{}]*)\}\}\}/g;

export interface TemplatePart {
  /** Literal text before the placeholder (or, for the last part, after the last one). */
  text: string;
  /** The placeholder's token; undefined for the text after the last placeholder. */
  token?: string;
}

/**
 * The text split at the placeholders whose token is one of `tokens` (other `{{{...}}}` stay literal text):
 * n placeholders give n + 1 parts, the last without a token.
 */
export function splitTemplate(text: string, tokens: ReadonlySet<string>): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let from = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    const token = m[1]!;
    if (!tokens.has(token)) continue;
    parts.push({ text: text.slice(from, m.index), token });
    from = m.index + m[0].length;
  }
  parts.push({ text: text.slice(from) });
  return parts;
}

/**
 * `count` tokens (`value1`, `value2`...) none of which the literal text already holds as a `{{{token}}}`, so
 * that literal braces never turn into a placeholder (nor a placeholder into text).
 */
export function freshTokens(literalText: string, count: number): string[] {
  const taken = new Set([...literalText.matchAll(PLACEHOLDER)].map((m) => m[1]!));
  const out: string[] = [];
  for (let n = 1; out.length < count; n++) if (!taken.has(`value${n}`)) out.push(`value${n}`);
  return out;
}
