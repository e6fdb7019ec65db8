/** RFC 6901 JSON pointers: `~` first, then `/`. */
export function encodePointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, "~0").replace(/\//g, "~1");
}

export function pointer(...segments: Array<string | number>): string {
  return segments.map((s) => "/" + encodePointerSegment(s)).join("");
}
