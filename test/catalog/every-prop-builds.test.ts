/**
 * Types and build agree (issue 11: "types promise what the build refuses"): for every factory and every input its
 * props type offers, a card given that input, with what the same member of the props type requires (its picking
 * option values and required inputs), builds. The only failure allowed is a mistake about the plain value the
 * test gives (a string where the input wants an object, a column the test table lacks), never a missing template,
 * an input the chosen card lacks or a required input the type did not ask for.
 */
import { describe, expect, it } from "vitest";
import { factoryShapes } from "../../src/catalog/factory-plan.js";
import type { CardShape } from "../../src/catalog/shape.js";
import { Catalog } from "../../src/catalog/store.js";
import { propsMembers, type PropsMember } from "../../src/codegen/props-members.js";
import { factoryMetaOf } from "../../src/dsl/define-card.js";
import { factories, factoryCard, plainValue, requiredProps } from "../support/factory-cards.js";

const catalog = Catalog.builtin();
const shapes = new Map(factoryShapes(catalog).map((s) => [s.address, s]));

/** The props one member of a factory's props type requires, with plain values. */
function memberProps(shape: CardShape, member: PropsMember | undefined): Record<string, unknown> {
  if (!member) return requiredProps(shape);
  const props: Record<string, unknown> = { ...requiredProps({ ...shape, inputs: [] }) };
  for (const input of shape.inputs) {
    const option = member.options.find((o) => o.specKey === input.specKey);
    if (option) {
      if (!option.optional) props[input.prop] = option.values[0];
    } else if (member.has.get(input.specKey) === true) props[input.prop] = plainValue(input);
  }
  return props;
}

const VALUE_MISTAKE = /must be (an object|a string|one of)|has no column/;

describe("every input a factory's props type offers builds", () => {
  const cases: Array<{ name: string; error: string }> = [];
  let inputs = 0;
  for (const { path, factory } of factories()) {
    const shape = shapes.get(factoryMetaOf(factory({}) as never)!.address)!;
    const members = propsMembers(catalog, shape);
    for (const member of members.length > 0 ? members : [undefined]) {
      const base = memberProps(shape, member);
      for (const input of shape.inputs) {
        const option = member?.options.find((o) => o.specKey === input.specKey);
        if (member && !option && member.has.get(input.specKey) === undefined) continue;
        inputs++;
        const value = option ? option.values[option.values.length - 1] : plainValue(input);
        const r = factoryCard(path, factory, shape, { ...base, [input.prop]: value }, catalog);
        if (r.error !== undefined && !VALUE_MISTAKE.test(r.error)) cases.push({ name: `${path.join(".")} ${input.prop}`, error: r.error });
      }
    }
  }

  it("over all factories and the members of their props types", () => {
    expect(inputs).toBeGreaterThan(500);
    expect(cases).toEqual([]);
  });

  it("Slack Send Message to Channel: channelId comes with channelType, and builds on the variant that has both", () => {
    const shape = [...shapes.values()].find((s) => s.address.endsWith(":slack:1.6.244:sendMessageToChannel2"))!;
    const members = propsMembers(catalog, shape);
    const withId = members.find((m) => m.has.has("channelId"))!;
    expect(withId.has.get("channelId")).toBe(true);
    expect(withId.has.get("channelType")).toBe(true);
    expect(withId.has.has("Thread Timestamp")).toBe(false);
  });
});
