/**
 * "Did you mean": the known name nearest to a misspelled one. A name equal up to case, spaces, dashes and
 * underscores wins outright; otherwise a candidate is near when few edits (insertions, deletions, substitutions,
 * swaps of neighbours; case-insensitive) turn one into the other, when both start alike (`equals` / `equal to`),
 * or when the name abbreviates it (`Dept` / `Department`). The nearest by edit distance is suggested.
 */
import { compareStrings } from "./compare.js";

/** A candidate: its name, and the names it is also known by (a choice's label). */
export type Candidate = string | { name: string; aliases: readonly string[] };

/** The candidate nearest to `name` (its name, never an alias), or undefined when none is near enough. */
export function nearest(name: string, candidates: Iterable<Candidate>): string | undefined {
  const folded = fold(name);
  let best: { name: string; distance: number; prefix: number } | undefined;
  for (const c of candidates) {
    const target = typeof c === "string" ? c : c.name;
    for (const spelling of typeof c === "string" ? [c] : [c.name, ...c.aliases]) {
      const other = fold(spelling);
      if (other === folded) return target;
      if (!isNear(folded, other)) continue;
      const d = distance(folded, other);
      const prefix = commonPrefix(folded, other);
      if (
        best === undefined ||
        d < best.distance ||
        (d === best.distance && (prefix > best.prefix || (prefix === best.prefix && compareStrings(target, best.name) < 0)))
      )
        best = { name: target, distance: d, prefix };
    }
  }
  return best?.name;
}

/** `; did you mean "x"?`, or "" when no candidate is near. */
export function didYouMean(name: string, candidates: Iterable<Candidate>): string {
  const match = nearest(name, candidates);
  return match === undefined ? "" : `; did you mean ${JSON.stringify(match)}?`;
}

/** Values as messages list them: `"a", "b", "c"` (the first `max`, then how many more). */
export function listValues(values: readonly unknown[], max = 25): string {
  const shown = values.slice(0, max).map((v) => JSON.stringify(v));
  return values.length > max ? `${shown.join(", ")} and ${values.length - max} more` : shown.join(", ");
}

function fold(s: string): string {
  return s.toLowerCase().replace(/[\s_-]+/g, "");
}

function isNear(a: string, b: string): boolean {
  if (a.length === 0 || b.length === 0) return false;
  const longest = Math.max(a.length, b.length);
  const limit = Math.max(1, Math.min(4, Math.round(longest * 0.3)));
  if (Math.abs(a.length - b.length) <= limit && distance(a, b) <= limit) return true;
  const shortest = Math.min(a.length, b.length);
  if (shortest >= 4 && commonPrefix(a, b) >= Math.max(4, Math.ceil(shortest * 0.6))) return true;
  return a.length >= 3 && a.length < b.length && a[0] === b[0] && isSubsequence(a, b);
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function isSubsequence(a: string, b: string): boolean {
  let i = 0;
  for (let j = 0; j < b.length && i < a.length; j++) if (a[i] === b[j]) i++;
  return i === a.length;
}

/** Optimal string alignment distance (edits, adjacent swaps counting one). */
function distance(a: string, b: string): number {
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
    }
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}
