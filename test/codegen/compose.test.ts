/**
 * Compose cards import as `compose\`...${ref}...\`` template literals: hostile text stays data (backticks, `${`,
 * `*\/`, line breaks, U+2028, lone surrogates...), multi-line text reads as lines, the tag gives back the same
 * card, and cards it cannot give back (a token used twice, an unused or unwired placeholder, a placeholder wired
 * from a later card, a policy) keep the generic form. Round trips build with the CLI (test/support/cli.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { ts } from "ts-morph";
import { afterAll, describe, expect, it } from "vitest";
import { card, compose, convert } from "../../src/index.js";
import { importFlopack, runImportFile } from "../../src/cli/run-import.js";
import { templateLiteral, templateText } from "../../src/codegen/compose.js";
import { placeholderEntry } from "../../src/shapes/compose.js";
import type { JsonObject } from "../../src/ir/types.js";
import { COMPOSE, cardsOf, composePack, inputsOf, simpleComposePack, templateStrings } from "../support/compose-pack.js";
import { runCli } from "../support/cli.js";
import { firstDifference, normaliseFlopack } from "../support/normalise.js";

const f = ts.factory;
const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed });
const print = (node: ts.Node): string =>
  printer.printNode(ts.EmitHint.Unspecified, node, ts.createSourceFile("x.ts", "", ts.ScriptTarget.Latest));

const HOSTILE = [
  "a`b",
  "${process.exit(1)}",
  "$",
  "$$",
  "\\",
  "\\`",
  "*/ evil() /*",
  "line\nbreak",
  "cr\r\nlf",
  "\u2028\u2029",
  "\ud800 lone",
  "nul\u00001",
  "\u202Eevil",
  "tab\t",
  "💥👩‍💻",
  "é",
  "{{{",
  "}}}",
  "{{{value1}}}",
  "",
  " ",
  "\n    four spaces",
  "end  \n",
  "\n\t\n",
];

/** The cooked strings of the first tagged template in `code`, as TypeScript's parser reads them. */
function taggedTemplates(code: string): Array<{ tag: string; strings: string[]; spans: string[] }> {
  const sf = ts.createSourceFile("x.ts", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: Array<{ tag: string; strings: string[]; spans: string[] }> = [];
  const visit = (n: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(n)) {
      const t = n.template;
      const strings = ts.isNoSubstitutionTemplateLiteral(t) ? [t.text] : [t.head.text, ...t.templateSpans.map((s) => s.literal.text)];
      const spans = ts.isNoSubstitutionTemplateLiteral(t) ? [] : t.templateSpans.map((s) => s.expression.getText(sf));
      out.push({ tag: n.tag.getText(sf), strings, spans });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe("templateText", () => {
  it.each(HOSTILE)("keeps %j as data", (s) => {
    const code = print(templateLiteral([s, s], [f.createIdentifier("x")]));
    // Line feeds are line breaks; no other line terminator, and no line that starts or ends with a space
    // (editors trim those; print.ts rewrites leading spaces).
    expect(/[\r\u2028\u2029]/.test(code)).toBe(false);
    expect(code.split("\n").filter((line) => line.startsWith(" ") || line.endsWith(" "))).toEqual([]);
    const parsed = taggedTemplates(`tag${code}`)[0]!;
    expect(parsed.strings).toEqual([s, s]);
    expect(parsed.spans).toEqual(["x"]);
    // Evaluated, too: the cooked strings a tag receives.
    expect(new Function("tag", "x", `return tag${code};`)((strings: TemplateStringsArray) => [...strings], 1)).toEqual([s, s]);
  });

  it("writes printable text as it is", () => {
    expect(templateText("Hello, Zoë! 100% {{{x}}} 💥")).toBe("Hello, Zoë! 100% {{{x}}} 💥");
    expect(templateText("cost: $5, ${x}, `q`")).toBe("cost: $5, \\${x}, \\`q\\`");
    expect(templateText("Dear admin,\n\nDone.\r\n")).toBe("Dear admin,\n\nDone.\\r\n");
    expect(templateText("a \n b\u200Bc")).toBe("a\\x20\n\\x20b\\u200Bc");
  });
});

const work = mkdtempSync(join(tmpdir(), "flocode-compose-"));
writeFileSync(join(work, "package.json"), JSON.stringify({ type: "module", private: true }));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let packs = 0;

/** The generated flow file of an imported pack (in memory). */
function importedFlow(doc: JsonObject): string {
  const file = join(work, `in-${packs++}.flopack`);
  writeFileSync(file, JSON.stringify(doc));
  const { result, writes } = importFlopack(file, { out: join(work, "unused") });
  expect(result.ok).toBe(true);
  return writes.find((w) => w.path.endsWith(".flow.ts"))!.text;
}

/** Imports, builds with the built CLI, and returns the first difference from the original (undefined: none). */
function roundTrip(doc: JsonObject): string | undefined {
  const n = packs++;
  const file = join(work, `rt-${n}.flopack`);
  writeFileSync(file, JSON.stringify(doc));
  const out = join(work, "packs", `rt${n}`);
  expect(runImportFile(file, { out }).ok).toBe(true);
  const build = runCli(["build", out, "--out", join(work, `dist-${n}`), "--no-checklist"], { env: { SOURCE_DATE_EPOCH: "0" } });
  expect(build.status, build.stderr).toBe(0);
  const built = JSON.parse(readFileSync(join(work, `dist-${n}`, `rt${n}.folder`), "utf8")) as JsonObject;
  return firstDifference(normaliseFlopack(doc as never), normaliseFlopack(built as never));
}

const part = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 4 }));
const parts = fc.array(
  fc.array(part, { maxLength: 3 }).map((p) => p.join("")),
  { minLength: 1, maxLength: 3 },
);

describe("import of Compose cards", () => {
  it("writes a Compose card as a template literal around the outputs it reads", () => {
    const text = importedFlow(simpleComposePack(["Hello ", " and ", "!"]));
    // The Assign cards' values are custom outputs: reached through the explicit escape.
    expect(text).toContain('compose `Hello ${a.$custom("first")} and ${b.$custom("second")}!`');
    expect(text).not.toContain(COMPOSE);
    expect(text).not.toContain(".pin(");
  });

  it("keeps any text as data, and the tag gives it back", () => {
    fc.assert(
      fc.property(parts, (strings) => {
        const generated = taggedTemplates(importedFlow(simpleComposePack(strings))).filter((t) => t.tag === "compose");
        expect(generated).toHaveLength(1);
        expect(generated[0]!.strings).toEqual(strings);
        expect(generated[0]!.spans).toEqual(['a.$custom("first")', 'b.$custom("second")'].slice(0, strings.length - 1));
      }),
      { numRuns: Number(process.env.FLOCODE_FUZZ_RUNS ?? 100), seed: 2028 },
    );
  });

  it("builds hostile texts back to the same flopack", () => {
    const samples = [
      ...fc.sample(parts, { numRuns: 16, seed: 7 }),
      ["`${", "{{{value1}}}\r\n", "$"],
      [HOSTILE.join("|")],
      HOSTILE.slice(0, 3),
    ];
    const doc = composePack((fl, a, b) => {
      for (const s of samples) fl.add(compose(templateStrings(s), ...[a.$out("first"), b.$out("second")].slice(0, s.length - 1)));
    });
    expect(roundTrip(doc)).toBeUndefined();
  }, 60_000);

  it("states a name and a conversion, and keeps the generic form where the tag cannot give the card back", () => {
    const raw = (token: string, index: number) => placeholderEntry(token, index);
    const doc = composePack((fl, a, b) => {
      fl.add(compose({ name: "Greeting" })`Hi ${convert(b.$out("second"), "stringify")}`);
      // The same token twice.
      fl.add(
        card(COMPOSE, {
          inputs: { _text_: "{{{t}}} and {{{t}}}" },
          customInputs: [{ key: "t", type: "string", raw: raw("t", 1), value: a.$out("first") }],
        }),
      );
      // A placeholder the text does not use, and one nothing is wired into.
      fl.add(
        card(COMPOSE, {
          inputs: { _text_: "{{{t}}}" },
          customInputs: [
            { key: "t", type: "string", raw: raw("t", 1), value: a.$out("first") },
            { key: "u", type: "string", raw: raw("u", 2), value: a.$out("first") },
          ],
        }),
      );
      fl.add(card(COMPOSE, { inputs: { _text_: "x {{{t}}}" }, customInputs: [{ key: "t", type: "string", raw: raw("t", 1) }] }));
      // Wired from a card placed after it.
      const later = fl.add(
        card(COMPOSE, { inputs: { _text_: "y {{{t}}}" }, customInputs: [{ key: "t", type: "string", raw: raw("t", 1) }] }),
      );
      const c = fl.add(card("root:kernel:control:0.0.1:let", { name: "C", customInputs: [{ key: "third", type: "string", value: "3" }] }));
      fl.pin(c.$out("third"), later, "t");
      // An error policy.
      fl.add(
        card(COMPOSE, {
          inputs: { _text_: "z {{{t}}}" },
          customInputs: [{ key: "t", type: "string", raw: raw("t", 1), value: a.$out("first") }],
          policy: { type: "continue" },
        }),
      );
    });
    const code = importedFlow(doc);
    const tagged = taggedTemplates(code).filter((t) => t.tag.startsWith("compose"));
    expect(tagged.map((t) => [t.tag, t.strings, t.spans])).toEqual([
      ['compose({ name: "Greeting" })', ["Hi ", ""], ['convert(b.$custom("second"), "stringify")']],
    ]);
    const texts = cardsOf(doc, COMPOSE).map((m) => inputsOf(m).get("_text_")!.value as JsonObject);
    for (const t of texts.slice(1)) expect(code).toContain(JSON.stringify(t.data));
    expect(roundTrip(doc)).toBeUndefined();
  }, 60_000);
});
