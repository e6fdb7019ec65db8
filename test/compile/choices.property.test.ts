/**
 * For every input with choices in the catalog (`metadata.choices` of each variant's template), a constant outside
 * them is a build error naming the allowed values: through `card(address, ...)` for every variant, and through
 * the typed factory wherever its metadata lists the choices (as a JavaScript caller or a value computed at run
 * time would pass it). The tsc side of the property (literal unions): test/cards/choices-types.test.ts.
 * The sort column of Tables cards is left out: its template choices are the columns of the table the template was
 * learned from (the build checks it against the card's own table instead: build-checks.test.ts).
 */
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/catalog/store.js";
import { lower } from "../../src/compile/lower.js";
import { choicesOf } from "../../src/compile/lower/choices.js";
import { factoryIndex } from "../../src/codegen/factories.js";
import { FlowFileErrors } from "../../src/dsl/errors.js";
import { collectingProblems } from "../../src/dsl/problems.js";
import { card, flow, manual } from "../../src/index.js";
import type { CardSpec } from "../../src/dsl/types.js";
import type { Json } from "../../src/util/json.js";
import { isObject } from "../../src/util/json.js";

const catalog = loadCatalog();

/** The mistakes lowering a one-card flow reports. */
function mistakesOf(spec: () => CardSpec<unknown>): Promise<string[]> {
  return collectingProblems(() => {
    try {
      lower({ flows: [flow({ name: "Choices", trigger: manual() }, (f) => void f.add(spec()))], defaultFolder: "Choices" }, catalog);
      return [];
    } catch (error) {
      if (!(error instanceof FlowFileErrors)) throw error;
      return error.errors.map((e) => e.detail);
    }
  });
}

/** A value none of the choices is: a number for numeric choices, else a string. */
function outside(choices: readonly Json[]): Json {
  return choices.every((c) => typeof c === "number") ? 987_654 : "✗ not a choice";
}

const names = (choices: readonly Json[]) => choices.slice(0, 30).map((c) => JSON.stringify(c));

describe("a constant outside an input's choices is a build error naming them", () => {
  it("for every input with choices of every catalog variant, given through card(address)", async () => {
    let checked = 0;
    const missed: string[] = [];
    for (const address of catalog.addresses()) {
      for (const entry of catalog.variants(address)) {
        const inputs = (entry.template.node as { model: { inputs?: { data?: Record<string, unknown> } } }).model.inputs?.data ?? {};
        for (const e of Object.values(inputs)) {
          if (!isObject(e) || typeof e.key !== "string") continue;
          const choices = choicesOf(e)?.map((c) => c.value);
          if (!choices || (address.includes(":stash:") && e.key === "Column")) continue;
          const key =
            e.group && e.group !== "parameters" && Object.values(inputs).filter((x) => isObject(x) && x.key === e.key).length > 1
              ? `${e.group}/${e.key}`
              : e.key;
          const value = outside(choices);
          const side = e.flags === "p" ? "options" : "inputs";
          // An option also chooses the variant: given without one, the value must still be named as no choice.
          for (const variant of side === "options" ? [entry.variant, undefined] : [entry.variant]) {
            const found = await mistakesOf(() => card(address, { ...(variant ? { variant } : {}), [side]: { [key]: value } }));
            checked++;
            const named = found.some(
              (m) => m.includes(`is ${JSON.stringify(value)}, not one of its choices: `) && names(choices).every((n) => m.includes(n)),
            );
            if (!named) missed.push(`${address} ${variant ?? "(no variant)"} ${key}: ${JSON.stringify(found)}`);
          }
        }
      }
    }
    expect(missed).toEqual([]);
    if (process.env.FLOCODE_REPORT_SIZES) console.log(`card(address): ${checked} inputs with choices`);
    expect(checked).toBeGreaterThan(400);
  }, 120_000);

  it("for every factory prop whose metadata lists choices, given a value outside them", async () => {
    let checked = 0;
    const missed: string[] = [];
    for (const info of factoryIndex().values()) {
      let factory: unknown = await import("../../src/cards/index.js");
      for (const name of info.path) factory = (factory as Record<string, unknown>)[name];
      for (const [prop, , , choices] of info.meta.inputs) {
        if (!choices || choices.length === 0) continue;
        const value = outside(choices);
        const found = await mistakesOf(() => (factory as (p: object) => CardSpec<unknown>)({ [prop]: value }));
        checked++;
        // An option's choices are checked by the factory (they pick the variant); an input's when the card is
        // lowered, with each choice's label: either way the message names the value and the choices.
        const byFactory = `property "${prop}" must be one of ${choices.map((c) => JSON.stringify(c)).join(", ")}`;
        const byLowering = `is ${JSON.stringify(value)}, not one of its choices: ${JSON.stringify(choices[0])}`;
        if (!found.some((m) => m.includes(byFactory) || m.includes(byLowering)))
          missed.push(`${info.path.join(".")} ${prop}: ${JSON.stringify(found)}`);
      }
    }
    expect(missed).toEqual([]);
    if (process.env.FLOCODE_REPORT_SIZES) console.log(`factories: ${checked} props with choices`);
    expect(checked).toBeGreaterThan(50);
  }, 120_000);
});
