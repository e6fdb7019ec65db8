/**
 * Automatic mocks, for smoke runs: each output gets a value of its declared type, the same on every run. Text is
 * the field's key in angle brackets (`<Email>`) or, for a text field named like a date (Created, Last Login), the
 * run's clock, numbers 1 (a Status Code 200), true/false false, dates the run's clock, objects
 * follow their schema field by field (an object without a schema is `{}`), and a list holds one such item (so that
 * a For Each over it runs its helper flow once). HTTP cards answer 200 with an empty body.
 */
import { isObject, type JsonObject } from "../util/json.js";
import type { OutputSlot } from "./plan.js";

/** Text fields that hold dates in Okta's connectors ("Created", "Last Login", "Expiration Date"...): the clock. */
const DATE_LIKE = /(date|time|created|updated|changed|activated|last ?login|expir|timestamp|_at$|At$)/i;

export function autoOutputs(outputs: readonly OutputSlot[], now: string): unknown[] {
  return outputs.map((o) => autoValue(o.key, o.type, o.schema, o.collection, now, 0));
}

function autoValue(key: string, type: string, schema: JsonObject | undefined, collection: boolean, now: string, depth: number): unknown {
  const one = (): unknown => {
    switch (type) {
      case "string":
        return DATE_LIKE.test(key) ? now : `<${key}>`;
      case "number":
        return key.replace(/[^A-Za-z]/g, "").toLowerCase() === "statuscode" ? 200 : 1;
      case "boolean":
        return false;
      case "Date":
        return now;
      case "object":
        return schema && depth < 8 ? fromSchema(schema, now, depth + 1) : {};
      default:
        return null;
    }
  };
  return collection ? [one()] : one();
}

function fromSchema(schema: JsonObject, now: string, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, spec] of Object.entries(schema)) {
    if (!isObject(spec)) continue;
    const nested = isObject(spec.type) ? spec.type : undefined;
    const type = nested ? "object" : typeof spec.type === "string" ? spec.type : "string";
    Object.defineProperty(out, field, {
      value: autoValue(field, type, nested, spec.collection === true, now, depth),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
