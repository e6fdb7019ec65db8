import type { Report } from "./types.js";
import { isObj, own, ptr, type Obj } from "./model.js";

/**
 * Checks that the keys of `obj` that belong to `expected` appear in that order and that there are no others
 * (missing keys are the JSON Schema's business). Used by the key-order rules (T5, D1, F2, M2). `at` is the
 * pointer of `obj`, or something with a `pointer` (a card, a flow): read only when reporting.
 */
export function checkKeyOrder(
  obj: Obj,
  expected: readonly string[],
  at: string | { readonly pointer: string },
  what: string,
  report: Report,
  allowExtra = false,
): void {
  if (inExpectedOrder(obj, expected)) return; // the usual case, checked without allocating
  const pointer = typeof at === "string" ? at : at.pointer;
  const keys = Object.keys(obj);
  const known = new Set(expected);
  if (!allowExtra) {
    for (const k of keys)
      if (!known.has(k))
        report(ptr(pointer, k), `unexpected key ${JSON.stringify(k)} in ${what} (real exports have only ${expected.join(", ")})`);
  }
  const present = keys.filter((k) => known.has(k));
  const wanted = expected.filter((k) => Object.hasOwn(obj, k));
  if (present.join("\u0000") !== wanted.join("\u0000")) {
    report(pointer, `${what} keys are in the order ${present.join(", ")}; exports write ${wanted.join(", ")}`);
  }
}

/** True when every own key of `obj` is in `expected`, in that order (keys may be missing). */
function inExpectedOrder(obj: Obj, expected: readonly string[]): boolean {
  let j = 0;
  for (const k in obj) {
    if (!Object.hasOwn(obj, k)) continue;
    while (j < expected.length && expected[j] !== k) j++;
    if (j === expected.length) return false;
    j++;
  }
  return true;
}

/** A short, safe rendering of a value for a message. */
export function show(x: unknown): string {
  if (typeof x === "string") return JSON.stringify(x.length > 60 ? x.slice(0, 60) + "…" : x);
  if (x === undefined) return "nothing";
  if (Array.isArray(x)) return "an array";
  if (isObj(x)) return "an object";
  return String(x);
}

/** A set of (a, b) string pairs, without building a combined key per lookup. */
export class PairSet {
  private readonly byFirst = new Map<string, Set<string>>();

  has(a: string, b: string): boolean {
    return this.byFirst.get(a)?.has(b) === true;
  }

  add(a: string, b: string): void {
    const set = this.byFirst.get(a);
    if (set) set.add(b);
    else this.byFirst.set(a, new Set([b]));
  }
}

export { own };
