/** How values read in diff messages. */
import { EmbeddedRef, type ErrorPolicyView } from "./view-types.js";
import { isObject } from "./json.js";
import { wireText } from "./show.js";

export function policyText(p: ErrorPolicyView | null): string {
  if (!p) return "default (stop the flow)";
  const parts = [`type ${p.type}`];
  if (p.flow !== undefined) parts.push(`helper flow ${q(p.flow)}`);
  if (p.retry !== undefined) parts.push(`retry ${JSON.stringify(p.retry)}`);
  if (p.delay !== undefined) parts.push(`delay ${JSON.stringify(p.delay)}`);
  if (p.retryCondition !== undefined) parts.push(`on ${JSON.stringify(p.retryCondition)}`);
  if (p.other !== undefined) parts.push(JSON.stringify(p.other));
  return parts.join(", ");
}

/** Values in messages: embedded wires as their text, everything else as JSON. */
export function display(value: unknown): unknown {
  if (value instanceof EmbeddedRef) return { wire: wireText(value.ref) };
  if (Array.isArray(value)) return value.map(display);
  if (isObject(value)) {
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const [k, x] of Object.entries(value))
      Object.defineProperty(out, k, { value: display(x), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

export function q(name: string): string {
  return JSON.stringify(name);
}

export function v(value: unknown): string {
  return value === undefined ? "(none)" : JSON.stringify(value);
}
