/**
 * The `compose` tag: one placeholder per wired value (Okta's placeholder shape), constants in the text, tokens
 * that literal braces in the text do not already hold, and `compose({ name, variant })` for the card's other props.
 */
import { describe, expect, it } from "vitest";
import { compose, convert } from "../../src/index.js";
import { makeRef } from "../../src/dsl/handle.js";
import { placeholderEntry } from "../../src/shapes/compose.js";
import type { CardNode } from "../../src/dsl/types.js";

const node = { kind: "cardNode", spec: { kind: "card", address: "x" }, owner: {}, index: 0 } as unknown as CardNode;
const user = makeRef<string>(node, "login");
const count = makeRef<number>(node, "length");

describe("compose", () => {
  it("writes a placeholder per wired value and constants into the text", () => {
    const spec = compose`Hi ${user}, ${3} of ${count}${"!"}`;
    expect(spec.address).toBe("root:kernel:string:0.0.1:compose");
    expect(spec.inputs).toEqual({ _text_: "Hi {{{value1}}}, 3 of {{{value2}}}!" });
    expect(spec.customInputs?.map((c) => [c.key, c.value, c.raw])).toEqual([
      ["value1", user, placeholderEntry("value1", 1)],
      ["value2", count, placeholderEntry("value2", 2)],
    ]);
  });

  it("never picks a token the text already holds in braces", () => {
    const spec = compose`{{{value1}}} ${user} {{{value3}}} ${count}`;
    expect(spec.inputs).toEqual({ _text_: "{{{value1}}} {{{value2}}} {{{value3}}} {{{value4}}}" });
    expect(spec.customInputs?.map((c) => c.key)).toEqual(["value2", "value4"]);
  });

  it("takes converted outputs", () => {
    const wired = convert(count, "stringify");
    expect(compose`${wired}`.customInputs?.[0]?.value).toBe(wired);
  });

  it("sets the name and variant given as options", () => {
    const spec = compose({ name: "Greeting", variant: "de3e6335" })`Hi ${user}`;
    expect([spec.name, spec.variant, spec.inputs]).toEqual(["Greeting", "de3e6335", { _text_: "Hi {{{value1}}}" }]);
  });

  it("refuses other options and values it cannot write", () => {
    expect(() => compose({ policy: "x" } as never)).toThrow(/compose options: "policy"/);
    expect(() => compose({ name: 1 } as never)).toThrow(/compose options: "name"/);
    expect(() => compose`${{ a: 1 } as never}`).toThrow(/value 1 must be a card output/);
    expect(() => (compose as unknown as (x: string) => unknown)("text")).toThrow(/template tag/);
  });
});
