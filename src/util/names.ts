/**
 * Stable, readable names for refs: lowercase words joined by "-", made unique with a counter suffix
 * in first-come order. Non-ASCII letters are kept only when they are letters/digits; an empty result
 * falls back to the given default.
 */
export function slug(text: string, fallback = "item"): string {
  const words = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const s = words.join("-").slice(0, 60).replace(/-+$/, "");
  return s || fallback;
}

export class UniqueNames {
  private readonly used = new Set<string>();
  /** Next suffix to try per base, so that taking the same base n times costs O(n), not O(n²). */
  private readonly next = new Map<string, number>();

  /** Returns `base`, or `base-2`, `base-3`, ... the first one not taken yet. */
  take(base: string): string {
    let name = base;
    if (this.used.has(name)) {
      let n = this.next.get(base) ?? 2;
      while (this.used.has(`${base}-${n}`)) n++;
      name = `${base}-${n}`;
      this.next.set(base, n + 1);
    }
    this.used.add(name);
    return name;
  }

  reserve(name: string): void {
    this.used.add(name);
  }
}
