import { fileURLToPath } from "node:url";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { generateCardFiles } from "../../src/codegen/card-factories.js";
import type { CatalogEntry } from "../../src/catalog/entry.js";
import { Catalog } from "../../src/catalog/store.js";
import type { JsonObject } from "../../src/ir/types.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

function entry(address: string, inputs: JsonObject[], outputs: JsonObject[] = []): CatalogEntry {
  const key = address.split(":").pop()!;
  const side = (list: JsonObject[], p: string) => ({ extensible: false, data: Object.fromEntries(list.map((e, i) => [`${p}${i}`, { id: `${p}${i}`, ...e }])) });
  return {
    address,
    variant: "00000000",
    name: key,
    options: {},
    count: 1,
    sources: [],
    template: { address, node: { key, data: { name: key }, model: { metadata: { id: null, name: key, description: null }, inputs: side(inputs, "i"), outputs: side(outputs, "o") } } },
  };
}

const field = (key: string, type: unknown, extra: JsonObject = {}): JsonObject => ({
  group: null,
  key,
  value: { type: type as string, collection: false, data: null },
  required: false,
  ref: false,
  metadata: {},
  flags: "d",
  ...extra,
});

/** Type-checks generated files placed (in memory) next to src/cards, so their relative imports resolve. */
function typeCheck(files: Map<string, string>): string[] {
  const dir = join(root, "src", "cards-under-test");
  const virtual = new Map([...files].map(([p, t]) => [join(dir, p), t]));
  const config = ts.getParsedCommandLineOfConfigFile(join(root, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const options = { ...config.options, noEmit: true };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, onError, create) =>
    virtual.has(name) ? ts.createSourceFile(name, virtual.get(name)!, lang, true, ts.ScriptKind.TS) : getSourceFile(name, lang, onError, create);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => virtual.has(name) || fileExists(name);
  const directoryExists = host.directoryExists?.bind(host);
  host.directoryExists = (name) => name === dir || name.startsWith(`${dir}/`) || (directoryExists?.(name) ?? false);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => virtual.get(name) ?? readFile(name);
  const program = ts.createProgram([...virtual.keys()], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName ?? ""}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
}

describe("generated factories compile", () => {
  it("for names that collide with keywords, imports, common props and each other", () => {
    const catalog = new Catalog([
      entry("root:channels:http:META:1.0.0:commonCard", [field("name", "string"), field("Name", "number"), field("connection", "boolean"), field("class", "string")], [field("constructor", "string")]),
      entry("root:channels:http:delete:1.0.0:connectorCard", [field("Input", { a: { type: "string", collection: false } }), field("x", "flo")]),
      entry("root:channels:http:defineCard:2.0.0:do_it", [field("__proto__", "Date"), field("", "file"), field("1", "string")], [field("__proto__", { "a b": { type: "number", collection: true } })]),
      entry("root:channels:http:defineCard:2.0.0:do_it_abcdefg", [field("Mode", "string", { group: "parameters", flags: "p", metadata: { choices: [{ label: "a", value: "it's \"x\"" }, { label: "n", value: -1 }] } })]),
      entry("root:kernel:if:0.0.1:if", [field("if", "string")]),
      entry("root:kernel:index:0.0.1:new", []),
    ]);
    const files = generateCardFiles(catalog);
    expect([...files.keys()]).toEqual(["META2.ts", "defineCard2.ts", "delete_.ts", "index.ts", "kernel/if_.ts", "kernel/index.ts"]);
    expect(typeCheck(files)).toEqual([]);
    const defineCardFile = files.get("defineCard2.ts")!;
    expect(defineCardFile).toContain("doIt: defineCard<DoItProps, DoItOutputs>");
    expect(defineCardFile).toContain("doItAbcdefg: defineCard<DoItAbcdefgProps, DoItAbcdefgOutputs>");
    expect(files.get("index.ts")).toContain("if: kernelIf");
  });
});
