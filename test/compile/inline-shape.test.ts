import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyShapeChanges, shapeChanges, usualInlineShape } from "../../src/shapes/inline-flow.js";
import type { Json, JsonObject } from "../../src/ir/types.js";

/**
 * Import writes an inline flow's shape as changes to the usual one (keys left out as `undefined`); lower applies
 * them. Whatever shape an export has, applying its changes must give it back exactly.
 */
const json: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.string(),
  fc.integer(),
  fc.dictionary(fc.string(), fc.string()) as fc.Arbitrary<Json>,
);

describe("inline flow shapes as changes", () => {
  it("applying the changes of any shape gives that shape back", () => {
    const base = usualInlineShape();
    const keys = [...Object.keys(base), "extra", "__proto__", "constructor"];
    fc.assert(
      fc.property(
        fc.subarray(keys),
        fc.array(json, { minLength: keys.length, maxLength: keys.length }),
        fc.boolean(),
        (present, values, keepUsual) => {
          const shape: JsonObject = {};
          present.forEach((k, i) =>
            Object.defineProperty(shape, k, {
              value: keepUsual && Object.hasOwn(base, k) ? base[k]! : values[i]!,
              enumerable: true,
              writable: true,
              configurable: true,
            }),
          );
          const changes = shapeChanges(shape, base) ?? [];
          const changeObject: Record<string, Json | undefined> = {};
          for (const [k, v] of changes)
            Object.defineProperty(changeObject, k, { value: v, enumerable: true, writable: true, configurable: true });
          const rebuilt = applyShapeChanges(base, changeObject, (v) => v as Json);
          expect(Object.keys(rebuilt).sort()).toEqual(Object.keys(shape).sort());
          for (const k of Object.keys(shape)) expect(rebuilt[k]).toEqual(shape[k]);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
      ),
      { numRuns: 300 },
    );
  });

  it("says nothing for the usual shape, and `undefined` for a key the export lacks", () => {
    const base = usualInlineShape();
    expect(shapeChanges(usualInlineShape(), base)).toBeUndefined();
    const { actionId: _drop, ...older } = base;
    expect(shapeChanges(older, base)).toEqual([["actionId", undefined]]);
  });
});
