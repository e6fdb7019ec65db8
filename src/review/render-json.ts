/** Ordered Map documents (the show view) as plain JSON, built without prototype-sensitive assignment. */
export function mapToJson(node: unknown): unknown {
  if (node instanceof Map) {
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of node)
      Object.defineProperty(out, keyText(k), { value: mapToJson(v), enumerable: true, writable: true, configurable: true });
    return out;
  }
  if (Array.isArray(node)) return node.map(mapToJson);
  return node;
}

/** Map keys are strings, or yaml Scalars wrapping a string (quoted keys). */
function keyText(key: unknown): string {
  if (typeof key === "object" && key !== null && "value" in key) return String((key as { value: unknown }).value);
  return String(key);
}
