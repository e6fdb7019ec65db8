import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ts } from "ts-morph";
import { generateCardFiles, GENERATED_HEADER } from "../../src/codegen/card-factories.js";
import { literal } from "../../src/codegen/literal.js";
import type { CatalogEntry } from "../../src/catalog/entry.js";
import { Catalog } from "../../src/catalog/store.js";
import { factoryFor, planFactories } from "../../src/catalog/factory-plan.js";
import type { Json } from "../../src/ir/types.js";
import { office365admin } from "../../src/cards/index.js";

const cardsDir = fileURLToPath(new URL("../../src/cards/", import.meta.url));

function listTs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? listTs(p) : n.endsWith(".ts") ? [p] : [];
    })
    .sort();
}

function printExpression(node: ts.Expression): string {
  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed });
  return printer.printNode(ts.EmitHint.Expression, node, ts.createSourceFile("x.ts", "", ts.ScriptTarget.Latest));
}

/** Evaluates printed TS expression text as JavaScript (the literal has no TS-only syntax). */
function evaluate(text: string): unknown {
  return new Function(`return (${text});`)();
}

describe("generated card factories", () => {
  it("src/cards is up to date with catalog/ (run `npm run gen:cards`)", () => {
    const generated = generateCardFiles(Catalog.builtin());
    const onDisk = listTs(cardsDir).map((p) => relative(cardsDir, p).split("\\").join("/"));
    expect(onDisk).toEqual([...generated.keys()].sort());
    for (const [path, text] of generated) {
      expect(text.startsWith(`${GENERATED_HEADER}\n`), path).toBe(true);
      expect(readFileSync(join(cardsDir, path), "utf8"), path).toBe(text);
    }
  });

  it("one factory per module:action, at its factory version, with an @address tag", () => {
    const index = readFileSync(join(cardsDir, "office365admin.ts"), "utf8");
    expect(index).toContain("customApiAction: defineCard<CustomApiActionProps, CustomApiActionOutputs>");
    // Each version of Custom API Action was seen on one card: the newest.
    expect(index).toContain("@address root:channels:http:office365admin:1.0.152:customAPIAction");
    expect(index).not.toContain("@address root:channels:http:office365admin:1.0.72:customAPIAction");
    // GET is written on another version, which has no Body: the props type is a union of the two.
    expect(index).toMatch(/requestType\?: "POST" \| "PUT" \| "PATCH" \| "DELETE";[^]*body\?: Input<OktaObject>;[^]*requestType: "GET";[^]*body\?: never;/);
    // Okta's Read User: 1.0.683 was seen once, with two of its outputs: the newest version that knows most of them.
    const okta = readFileSync(join(cardsDir, "okta.ts"), "utf8");
    expect(okta).toContain("@address root:channels:http:okta:1.0.679:readUser");
  });

  it("factoryFor: the factory path of its version's address, undefined for other versions", () => {
    const plan = planFactories(Catalog.builtin());
    const factory = factoryFor(plan, "root:channels:http:office365admin:1.0.152:customAPIAction");
    expect(factory?.path).toEqual(["office365admin", "customApiAction"]);
    expect(factory?.factory.shape.inputs.map((i) => [i.prop, i.specKey])).toContainEqual(["relativeUrl", "Relative URL"]);
    expect(factoryFor(plan, "root:channels:http:office365admin:1.0.58:customAPIAction")).toBeUndefined();
    expect(factoryFor(plan, "root:kernel:control:0.0.1:if")?.path).toEqual(["kernel", "control", "if"]);
  });

  it("a factory writes another version for an option value only that version was seen with", () => {
    // 1.0.152 was seen with PATCH only; GET was seen on 1.0.72 (without a Body input).
    const get = office365admin.customApiAction({ requestType: "GET", relativeUrl: "/Me" });
    expect(get.address).toBe("root:channels:http:office365admin:1.0.72:customAPIAction");
    expect(office365admin.customApiAction({ requestType: "PATCH" }).address).toBe("root:channels:http:office365admin:1.0.152:customAPIAction");
    // A value no version was seen with: the factory's version, its default shape.
    expect(office365admin.customApiAction({ requestType: "DELETE" }).address).toBe("root:channels:http:office365admin:1.0.152:customAPIAction");
  });

  it("literal() round-trips hostile JSON values, __proto__ keys included", () => {
    const hostile: Json = {
      s: 'a"b\'c`${x}`\\n\n*/ \u2028 </script> é',
      "key with spaces": [1, -2, 0.5, true, false, null],
      __proto__: { polluted: true },
      "": "",
    };
    Object.defineProperty(hostile, "__proto__", { value: { polluted: true }, enumerable: true });
    const text = printExpression(literal(hostile));
    const value = evaluate(text) as Record<string, unknown>;
    expect(Object.hasOwn(value, "__proto__")).toBe(true);
    expect(JSON.stringify(value)).toBe(JSON.stringify(hostile));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("hostile names, keys and descriptions cannot break out of comments or strings", () => {
    const address = "root:channels:http:evil:1.0.0:doIt";
    const entry: CatalogEntry = {
      address,
      variant: "00000000",
      name: "Evil */ name ${process.exit(1)}",
      options: { "mode\"": "x`y" },
      count: 1,
      sources: [],
      template: {
        address,
        node: {
          key: "doIt",
          data: { name: "Evil */ name" },
          model: {
            metadata: { id: null, name: "Evil", description: "line1 */ alert(1) /*\nline2 \u2028 @address fake" },
            inputs: {
              extensible: false,
              data: {
                i0: { id: "i0", group: "g */", key: "k\"'`${a}", value: { type: "string", collection: false, data: "" }, required: true, ref: false, metadata: {}, flags: "d" },
                i1: { id: "i1", group: "parameters", key: "mode\"", value: { type: "string", collection: false, data: "" }, required: false, ref: false, metadata: { choices: [{ label: "q", value: "a\"b*/" }] }, flags: "p" },
                i2: { id: "i2", group: null, key: "__proto__", value: { type: "number", collection: false, data: null }, required: false, ref: false, metadata: {}, flags: "d" },
              },
            },
            outputs: { extensible: false, data: { o0: { id: "o0", group: null, key: "constructor", value: { type: "object", collection: true, data: [] }, ref: false, metadata: {} } } },
          },
        },
      },
    };
    const files = generateCardFiles(new Catalog([entry]));
    const text = files.get("evil.ts")!;
    const sf = ts.createSourceFile("evil.ts", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const diagnostics = (sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics;
    expect(diagnostics).toEqual([]);
    // Exactly the statements the generator intends: imports, 2 interfaces, META, the factory object.
    const kinds = sf.statements.map((s) =>
      ts.isImportDeclaration(s) ? "import" : ts.isInterfaceDeclaration(s) ? "interface" : ts.isVariableStatement(s) ? "const" : "other",
    );
    expect(kinds).toEqual(["import", "import", "interface", "interface", "const", "const"]);
    expect(text.split("\n").filter((l) => /^\s*(\/\*\*|\*)\s*@address /.test(l))).toHaveLength(1);
    expect(text).toContain("*\\/ alert(1)");
    const meta = sf.statements[4] as ts.VariableStatement;
    const metaValue = evaluate(meta.declarationList.declarations[0]!.initializer!.getText(sf)) as Array<Record<string, unknown>>;
    expect(metaValue[0]!.name).toBe("Evil */ name ${process.exit(1)}");
    expect(metaValue[0]!.inputs).toEqual([
      ["kA", "k\"'`${a}", "s"],
      ["mode", "mode\"", "p:s", ["a\"b*/"]],
      ["proto", "__proto__", "n"],
    ]);
  });
});
