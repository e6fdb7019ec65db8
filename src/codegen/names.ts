/**
 * Variable names for generated code, from display names: camelCase, made valid and unique within a file.
 * Three reserved sets (JS reserved words, flocode's own exports, dangerous globals) keep a name from shadowing or
 * breaking anything; a counter suffix resolves collisions; names with no usable character get a hash.
 */
import { createHash } from "node:crypto";
import { camelCase } from "../catalog/naming.js";
import { RESERVED_WORDS } from "../util/reserved-words.js";

/** What generated files import from flocode, plus the builder parameters. */
const FLOCODE_NAMES: ReadonlySet<string> = new Set(
  (
    "flow flowNamed pack schedule apiEndpoint delegatedFlow event helperFlow manual connection folder table card field " +
    "kernel f g h convert inline pin branch resources then otherwise compose verbatim"
  ).split(" "),
);

const DANGEROUS_GLOBALS: ReadonlySet<string> = new Set(
  (
    "eval arguments undefined NaN Infinity globalThis window self process require module exports __dirname __filename " +
    "Function Object Array String Number Boolean Symbol Promise Proxy Reflect JSON Math Date RegExp Error Map Set " +
    "WeakMap WeakSet console setTimeout setInterval queueMicrotask fetch import constructor prototype __proto__ " +
    "toString valueOf hasOwnProperty then"
  ).split(" "),
);

const ASCII_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Builder parameters of generated bodies: `f`, inline flows `g`, `g2`..., If/Else branches `then`, `otherwise2`... */
const BUILDER_NAMES = /^(f|g|h|then|otherwise)[0-9]*$/;

/** The builder parameter of the `n`th (1-based) body of a kind: `g`, `g2`, `g3`...; names no card can take. */
export function builderName(kind: "g" | "then" | "otherwise", n: number): string {
  return n <= 1 ? kind : `${kind}${n}`;
}

function isReserved(name: string): boolean {
  return RESERVED_WORDS.has(name) || FLOCODE_NAMES.has(name) || DANGEROUS_GLOBALS.has(name) || BUILDER_NAMES.test(name);
}

/** A short deterministic hash of a text (for names with no usable characters). */
export function nameHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex").slice(0, 6);
}

/** The base identifier for a text (not yet unique): ASCII camelCase, prefixed when it would be unusable. */
export function baseIdentifier(text: string, fallback: string): string {
  const ascii = camelCase(text.normalize("NFKD").replace(/[^\x20-\x7e]/g, " "));
  let name = ascii.replace(/[^A-Za-z0-9_$]/g, "");
  if (name === "") return `${fallback}_${nameHash(text)}`;
  if (/^[0-9]/.test(name)) name = `${fallback}${name.charAt(0).toUpperCase()}${name.slice(1)}`;
  if (name.length > 40) name = name.slice(0, 40);
  return name;
}

/** Unique identifiers within one file (or one scope of one). */
export class IdentifierScope {
  private readonly taken = new Set<string>();
  /** The next counter to try per base name (many cards share a display name). */
  private readonly next = new Map<string, number>();

  constructor(reserved: Iterable<string> = []) {
    for (const r of reserved) this.taken.add(r);
  }

  reserve(name: string): void {
    this.taken.add(name);
  }

  has(name: string): boolean {
    return this.taken.has(name);
  }

  /** A fresh identifier for a display name: valid, not reserved, not used before in this scope. */
  take(text: string, fallback = "card"): string {
    let base = baseIdentifier(text, fallback);
    if (!ASCII_IDENTIFIER.test(base)) base = `${fallback}_${nameHash(text)}`;
    // A counter cannot free a name shaped like a builder parameter (g2 → g22...): such names get a word first.
    if (BUILDER_NAMES.test(base)) base = `${base}Card`;
    let name = base;
    let n = this.next.get(base) ?? 2;
    if (isReserved(name) || this.taken.has(name)) {
      for (name = `${base}${n}`; isReserved(name) || this.taken.has(name);) name = `${base}${++n}`;
      this.next.set(base, n + 1);
    }
    this.taken.add(name);
    return name;
  }
}
