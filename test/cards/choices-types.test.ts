/**
 * The type half of issue 11's choices property: for every factory prop whose metadata lists choices, a value
 * outside them is a `tsc` error and each of its first choice is not. One generated file, one `@ts-expect-error`
 * line per prop (on the prop's own type, so a missing required prop cannot be the error), type-checked once.
 * The build half is test/compile/choices.property.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { factoryMetaOf } from "../../src/dsl/define-card.js";
import type { Json } from "../../src/util/json.js";
import { REPO } from "../support/cli.js";
import { factories } from "../support/factory-cards.js";

/** A value none of the choices is: a number for numeric choices, else a string. */
function outside(choices: readonly Json[]): Json {
  return choices.every((c) => typeof c === "number") ? 987_654 : "✗ not a choice";
}

function typeCheck(file: string): readonly ts.Diagnostic[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(REPO, "tsconfig.json"),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  );
  if (!config) throw new Error("cannot read tsconfig.json");
  return ts.getPreEmitDiagnostics(ts.createProgram([file], { ...config.options, noEmit: true }));
}

describe("a value outside an input's choices is a tsc error", () => {
  it("for every factory prop whose metadata lists choices (and its first choice is accepted)", () => {
    const lines = [
      'import { kernel } from "../../../src/cards/index.js";',
      'import * as cards from "../../../src/cards/index.js";',
      "void kernel;",
    ];
    let props = 0;
    for (const { path, factory } of factories()) {
      const meta = factoryMetaOf(factory({}) as never);
      if (!meta) continue;
      const access = path[0] === "kernel" ? path.join(".") : `cards.${path.join(".")}`;
      for (const [prop, , , choices, unseen] of meta.inputs) {
        if (!choices || choices.length === 0) continue;
        const type = `NonNullable<Parameters<typeof ${access}>[0]>[${JSON.stringify(prop)}]`;
        // A value no export shows the card with, where its outputs differ per value, is refused (option-outputs.ts).
        const offered = choices.filter((c) => !(unseen ?? []).includes(c));
        lines.push(`export const ok${props}: ${type} = ${JSON.stringify(offered[0])};`);
        lines.push(`// @ts-expect-error ${path.join(".")} ${prop}`);
        lines.push(`export const no${props}: ${type} = ${JSON.stringify(outside(choices))};`);
        props++;
      }
    }
    expect(props).toBeGreaterThan(50);
    const dir = mkdtempSync(join(REPO, "test/cards/.tmp-choices-"));
    try {
      const file = join(dir, "choices.ts");
      writeFileSync(file, lines.join("\n") + "\n");
      const problems = typeCheck(file).map((d) => {
        const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : -1;
        return `${lines[line - 1] ?? ""} → ${lines[line] ?? ""}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
      });
      // An unused @ts-expect-error (TS2578) is a value outside the choices that type-checks; any other error, a
      // first choice the type refuses.
      expect(problems).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    if (process.env.FLOCODE_REPORT_SIZES) console.log(`tsc: ${props} props with choices`);
  }, 120_000);
});
