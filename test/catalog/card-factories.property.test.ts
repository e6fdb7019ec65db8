import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ts } from "ts-morph";
import { generateCardFiles } from "../../src/codegen/card-factories.js";
import type { CatalogEntry } from "../../src/catalog/entry.js";
import { Catalog } from "../../src/catalog/store.js";
import type { JsonObject } from "../../src/ir/types.js";

const runs = Number(process.env.FLOCODE_FUZZ_RUNS ?? 40);

/** Strings that break naive code generators: quotes, backslashes, template and comment syntax, line separators. */
const hostileString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.constantFrom("*/", "/*", "${x}", "`", "'", '"', "\\", "\n", "\u2028", "</script>", "__proto__", "constructor", "@address x", "", " "),
  fc.array(fc.constantFrom("*/", "${", "`", "\\", '"', "a", "\n", "@", "é", "\u2029"), { maxLength: 8 }).map((a) => a.join("")),
);

const entryArb = (i: number) =>
  fc.record({
    group: fc.option(hostileString, { nil: null }),
    key: hostileString,
    type: fc.constantFrom("string", "number", "boolean", "Date", "object", "file", "flo", "weird"),
    collection: fc.boolean(),
    option: fc.boolean(),
    choices: fc.array(fc.oneof(hostileString, fc.integer(), fc.boolean()), { maxLength: 3 }),
    displayname: hostileString,
  }).map((e) => {
    const entry: JsonObject = {
      id: `i${i}`,
      group: e.option ? "parameters" : e.group,
      key: e.key,
      value: { type: e.type, collection: e.collection, data: null },
      required: false,
      ref: false,
      metadata: e.option && e.choices.length > 0 ? { displayname: e.displayname, choices: e.choices.map((c) => ({ label: "l", value: c })) } : { displayname: e.displayname },
      flags: e.option ? "p" : "d",
    };
    return entry;
  });

const catalogEntryArb = fc
  .record({
    name: hostileString,
    description: hostileString,
    action: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,12}$/),
    inputs: fc.tuple(entryArb(0), entryArb(1), entryArb(2)),
    output: hostileString,
  })
  .map((r): CatalogEntry => {
    const address = `root:channels:http:fuzz:1.0.0:${r.action}`;
    const data: JsonObject = {};
    for (const e of r.inputs) Object.defineProperty(data, e.id as string, { value: e, enumerable: true });
    return {
      address,
      variant: "00000000",
      name: r.name,
      options: {},
      count: 1,
      sources: [],
      template: {
        address,
        node: {
          key: r.action,
          data: { name: r.name },
          model: {
            metadata: { id: null, name: r.name, description: r.description },
            inputs: { extensible: false, data },
            outputs: { extensible: false, data: { o0: { id: "o0", group: null, key: r.output, value: { type: "string", collection: false, data: "" }, ref: false, metadata: {} } } },
          },
        },
      },
    };
  });

describe("card factory generation with hostile catalog data", () => {
  it("always yields code that parses into the intended statements, with every string intact", () => {
    fc.assert(
      fc.property(catalogEntryArb, (entry) => {
        const text = generateCardFiles(new Catalog([entry])).get("fuzz.ts")!;
        const sf = ts.createSourceFile("fuzz.ts", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
        expect((sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics).toEqual([]);
        const kinds = sf.statements.map((s) => (ts.isImportDeclaration(s) ? "import" : ts.isInterfaceDeclaration(s) ? "interface" : ts.isVariableStatement(s) ? "const" : "other"));
        expect(kinds.filter((k) => k !== "import")).toEqual(["interface", "interface", "const", "const"]);
        expect(text.split("\n").filter((l) => /^\s*(\/\*\*|\*)\s*@address /.test(l))).toHaveLength(1);
        const meta = (sf.statements.find((s) => ts.isVariableStatement(s) && s.getText(sf).startsWith("const META")) as ts.VariableStatement)
          .declarationList.declarations[0]!.initializer!.getText(sf);
        const [row] = new Function(`return (${meta});`)() as Array<{ name: string; inputs: unknown[][]; outputs: unknown[][] }>;
        expect(row!.name).toBe(entry.name);
        const keys = row!.inputs.map((i) => i[1]);
        const expectedKeys = Object.values((((entry.template.node as JsonObject).model as JsonObject).inputs as JsonObject).data as JsonObject).map(
          (e) => (e as JsonObject).key,
        );
        for (const k of keys) expect(expectedKeys.some((x) => x === k || (typeof k === "string" && k.endsWith(`/${String(x)}`)))).toBe(true);
        const outputKey = (entry.template.node as { model: { outputs: { data: { o0: { key: string } } } } }).model.outputs.data.o0.key;
        expect(row!.outputs[0]![2]).toBe(outputKey);
      }),
      { numRuns: runs },
    );
  });
});
