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
 * (`Cannot access 'now' before initialization`, found by the fuzz) and refused a thunk as "a function". A source
 * may name its output without its card (import writes what an export holds); a link that names no card at all is
 * the flow file's mistake, in one located line (it was an internal error).
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

  it("a flow file whose getter and thunks name a card placed later builds; a link to no card is a located line (one build process)", () => {
    writeFileSync(
      join(dir, "later.flow.ts"),
      `import { flow, manual, type Card } from "flocode";
import { kernel } from "flocode/cards";

export default flow({ name: "Later", trigger: manual() }, (f) => {
  f.add(kernel.object.construct({
    customInputs: [
      { key: "a", type: "string", source: { get card(): Card<unknown> { return now; }, output: { dangling: "gone" } } },
      { key: "b", type: "string", method: () => now },
      { key: "c", type: "string", source: { output: { dangling: "gone" } } },
    ],
  }));
  const now = f.add(kernel.date.now());
});
`,
    );
    writeFileSync(
      join(dir, "unassigned.flow.ts"),
      `import { flow, manual, type Card } from "flocode";
import { kernel } from "flocode/cards";

let never: Card<unknown>;
export default flow({ name: "Unassigned", trigger: manual() }, (f) => {
  f.add(kernel.object.construct({ customInputs: [{ key: "a", type: "string", method: () => never }] }));
});
`,
    );
    const r = runCli(["build", dir, "--out", join(dir, "out"), "--no-checklist"]);
    expect(r.stderr).not.toMatch(/before initialization|is a function|internal error/);
    // the file whose link names no card gets a located line; the other builds (no mistake of its own)
    expect(r.stderr).toContain(
      `flocode: ${join(dir, "unassigned.flow.ts")}:6:23: a wormhole or source link is undefined, not a card placed in this flow\n`,
    );
    expect(r.stderr).toContain("build failed: 1 mistake in 1 of 2 targets");
    expect(r.status).toBe(1);
  }, 120_000);
});
