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

  /** Returns `base`, or `base-2`, `base-3`, ... the first one not taken yet. */
  take(base: string): string {
    let name = base;
    for (let n = 2; this.used.has(name); n++) name = `${base}-${n}`;
    this.used.add(name);
    return name;
  }

  reserve(name: string): void {
    this.used.add(name);
  }
}
