/** `idOf(...)` markers inside a constant: where they are, and the constant with null in their place. */
import { isIdOf, type IdOf } from "../../dsl/ids.js";

export interface FoundIds {
  data: unknown;
  markers: Array<{ path: Array<string | number>; marker: IdOf }>;
}

export function extractIds(value: unknown): FoundIds {
  const markers: FoundIds["markers"] = [];
  const walk = (v: unknown, path: Array<string | number>, depth: number): unknown => {
    if (isIdOf(v)) {
      markers.push({ path, marker: v });
      return null;
    }
    if (depth > 200) return v;
    if (Array.isArray(v)) {
      const before = markers.length;
      const copy = v.map((x, i) => walk(x, [...path, i], depth + 1));
      return markers.length > before ? copy : v;
    }
    if (typeof v === "object" && v !== null && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)) {
      const before = markers.length;
      const copy: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v))
        Object.defineProperty(copy, k, { value: walk(x, [...path, k], depth + 1), enumerable: true, writable: true, configurable: true });
      return markers.length > before ? copy : v;
    }
    return v;
  };
  const data = walk(value, [], 0);
  return { data, markers };
}
