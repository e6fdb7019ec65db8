/**
 * What JSON.parse accepts without a word but a flopack reader must not: a number too large for a double (`1e400`
 * reads as Infinity, which no JSON writer can write back), and a key written twice in one object (JSON.parse
 * keeps the last copy; the first is invisible to every tool). One iterative walk of the parsed value counts its
 * keys and finds non-finite numbers; only when the count falls short of the members the text writes does the
 * text get re-read to name each duplicate key.
 */
import { encodePointerSegment } from "../util/json-pointer.js";
import { lineColumn, type TextScan } from "./json-text.js";

export interface JsonValueProblems {
  /** JSON pointers of numbers that parsed to ±Infinity. */
  nonFinite: Array<{ pointer: string; value: number }>;
  /** Keys written twice (or more) in one object: the pointer of the member and where its later copy starts. */
  duplicates: DuplicateKey[];
}

export interface DuplicateKey {
  pointer: string;
  key: string;
  /** The start of the copy JSON.parse drops (the first), as JSON text, cut to a readable length. */
  dropped: string;
  line: number;
  column: number;
}

/** At most this many of each problem are named (a hostile file could have millions). */
const LIMIT = 50;

export function jsonValueProblems(value: unknown, text: string, scan: TextScan): JsonValueProblems {
  const { keys, nonFinite } = countKeys(value);
  return {
    nonFinite: nonFinite ? findNonFinite(value) : [],
    duplicates: keys < scan.members ? findDuplicateKeys(text) : [],
  };
}

/** Own keys of every object, and whether any number is not finite (no pointers: the common case stays cheap). */
function countKeys(root: unknown): { keys: number; nonFinite: boolean } {
  let keys = 0;
  let nonFinite = false;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const x = stack.pop();
    if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) {
        const y: unknown = x[i];
        if (y !== null && typeof y === "object") stack.push(y);
        else if (typeof y === "number" && !Number.isFinite(y)) nonFinite = true;
      }
    } else if (x !== null && typeof x === "object") {
      for (const k in x) {
        keys++;
        const y = (x as Record<string, unknown>)[k];
        if (y !== null && typeof y === "object") stack.push(y);
        else if (typeof y === "number" && !Number.isFinite(y)) nonFinite = true;
      }
    }
  }
  return { keys, nonFinite };
}

function findNonFinite(root: unknown): JsonValueProblems["nonFinite"] {
  const out: JsonValueProblems["nonFinite"] = [];
  const stack: Array<[unknown, string]> = [[root, ""]];
  while (stack.length > 0 && out.length < LIMIT) {
    const [x, pointer] = stack.pop()!;
    if (typeof x === "number") {
      if (!Number.isFinite(x)) out.push({ pointer, value: x });
    } else if (Array.isArray(x)) {
      for (let i = x.length - 1; i >= 0; i--) stack.push([x[i], `${pointer}/${i}`]);
    } else if (x !== null && typeof x === "object") {
      const ks = Object.keys(x);
      for (let i = ks.length - 1; i >= 0; i--)
        stack.push([(x as Record<string, unknown>)[ks[i]!], `${pointer}/${encodePointerSegment(ks[i]!)}`]);
    }
  }
  return out;
}

type Frame =
  /** `keys`: each key and where its first copy's text ends (the value follows the colon). */
  | { object: true; pointer: string; keys: Map<string, number>; key: string; expectKey: boolean }
  | { object: false; pointer: string; index: number };

/** Re-reads valid JSON text, naming every key written twice in one object (iterative: depth costs no stack). */
export function findDuplicateKeys(text: string): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  const stack: Frame[] = [];
  const here = (): string => {
    const top = stack[stack.length - 1];
    if (top === undefined) return "";
    return top.object ? `${top.pointer}/${encodePointerSegment(top.key)}` : `${top.pointer}/${top.index}`;
  };
  for (let i = 0; i < text.length && out.length < LIMIT; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const end = stringEnd(text, i);
      const top = stack[stack.length - 1];
      if (top?.object && top.expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        const first = top.keys.get(key);
        if (first !== undefined)
          out.push({
            pointer: `${top.pointer}/${encodePointerSegment(key)}`,
            key,
            dropped: valueText(text, first),
            ...lineColumn(text, i),
          });
        else top.keys.set(key, end + 1);
        top.key = key;
        top.expectKey = false;
      }
      i = end;
    } else if (c === 123 /* { */) {
      stack.push({ object: true, pointer: here(), keys: new Map(), key: "", expectKey: true });
    } else if (c === 91 /* [ */) {
      stack.push({ object: false, pointer: here(), index: 0 });
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      stack.pop();
    } else if (c === 44 /* , */) {
      const top = stack[stack.length - 1];
      if (top?.object) top.expectKey = true;
      else if (top) top.index++;
    }
  }
  return out;
}

/** The JSON text of the value after the key that ends at `afterKey`, cut after 60 characters. */
function valueText(text: string, afterKey: number): string {
  let start = text.indexOf(":", afterKey) + 1;
  while (" \t\r\n".includes(text[start] ?? "x")) start++;
  const cut = start + 61;
  let end = start;
  if (text[start] === '"') end = stringEnd(text, start) + 1;
  else if (text[start] === "{" || text[start] === "[") {
    for (let depth = 0; end < text.length && end < cut; end++) {
      const c = text[end];
      if (c === '"') end = stringEnd(text, end);
      else if (c === "{" || c === "[") depth++;
      else if ((c === "}" || c === "]") && --depth === 0) {
        end++;
        break;
      }
    }
  } else while (end < text.length && !",}] \t\r\n".includes(text[end]!)) end++;
  const raw = text.slice(start, Math.min(end, cut));
  return end > cut - 1 ? `${raw.slice(0, 60)}…` : raw;
}

/** The offset of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  for (let j = text.indexOf('"', start + 1); j !== -1; j = text.indexOf('"', j + 1)) {
    let k = j - 1;
    while (text.charCodeAt(k) === 92 /* \ */) k--;
    if ((j - 1 - k) % 2 === 0) return j;
  }
  return text.length;
}
