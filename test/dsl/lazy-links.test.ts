import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cardSpecProblem } from "../../src/dsl/plain-value.js";
import { runCli } from "../support/cli.js";

/**
 * A custom field's links to cards (`source.card`, `wormhole`, `method`, `keyOf`) may name a card placed later,
 * through a getter (what import writes) or a thunk: lowering resolves them once every card is placed. The check
 * of values JSON cannot hold, run as each card is placed, leaves them alone: it ran import's getter too early
 * (`Cannot access 'now' before initialization`, found by the fuzz) and refused a thunk as "a function".
 */
const dir = mkdtempSync(join(tmpdir(), "flocode-lazy-links-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("links of custom fields to cards placed later", () => {
  it("are not read when a card is placed; the rest of a custom field still is", () => {
    const field = {
      key: "a",
      type: "string",
      get wormhole(): never {
        throw new Error("read too early");
      },
      source: {
        get card(): never {
          throw new Error("read too early");
        },
      },
      method: () => ({}),
      keyOf: () => ({}),
    };
    expect(cardSpecProblem({ kind: "card", address: "x", customInputs: [field], customOutputs: [field] })).toBeUndefined();
    expect(cardSpecProblem({ customInputs: [field, { key: "c", value: NaN, method: () => ({}) }] })).toBe(
      "property customInputs[1].value is NaN: JSON numbers are finite",
    );
    expect(cardSpecProblem({ customOutputs: [{ key: "b", displayName: () => "x" }] })).toBe(
      "property customOutputs[0].displayName is a function, not a value",
    );
    expect(cardSpecProblem({ customInputs: [new Date(0)] })).toBe(
      "property customInputs[0] is a Date, not a plain object: JSON would not keep it",
    );
  });

  it("a flow file whose getter and thunks name a card placed later builds (one build process)", () => {
    writeFileSync(
      join(dir, "later.flow.ts"),
      `import { flow, manual, type Card } from "flocode";
import { kernel } from "flocode/cards";

export default flow({ name: "Later", trigger: manual() }, (f) => {
  f.add(kernel.object.construct({
    customInputs: [
      { key: "a", type: "string", source: { get card(): Card<unknown> { return now; }, output: { dangling: "gone" } } },
      { key: "b", type: "string", method: () => now },
    ],
  }));
  const now = f.add(kernel.date.now());
});
`,
    );
    const r = runCli(["build", dir, "--out", join(dir, "out"), "--no-checklist"]);
    expect(r.stderr).not.toMatch(/before initialization|is a function/);
    expect(r.status).toBe(0);
  }, 120_000);
});
