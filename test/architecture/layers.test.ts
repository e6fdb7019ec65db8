/**
 * Dependencies between the folders of src/ run one way. The layer map below is the architecture: each folder
 * may import only the folders listed on its line (lowest layers first; folders on the same level never import
 * each other). Every .ts file under src/ is scanned for static imports, `import type`, `export ... from` and
 * dynamic `import("...")`; an import against the grain fails the test, naming the file, line and import.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { REPO } from "../support/cli.js";

/**
 * Folder → the folders it may import. The order, lowest first: util → ir → format → shapes → {rules, catalog}
 * → dsl → cards → {compile, lift} → {codegen, review, simulate} → testing → cli; init (the files `flocode init` writes) and github (pull-request comments) need util only. Code generation reads IR and writes DSL code, so
 * it never needs the compiler; the review tools read flopack JSON only (the CLI compiles flow sources for them),
 * with lift's structure recovery only (NARROW below): show and diff must not load lift's IR builder; emit reads
 * a flow's start card through it too.
 * `(root)` is the files directly under src/: the public entry, importing what it re-exports.
 */
export const LAYERS: Readonly<Record<string, readonly string[]>> = {
  util: [],
  init: ["util"],
  github: ["util"],
  ir: ["util"],
  format: ["util", "ir"],
  shapes: ["util", "ir", "format"],
  rules: ["util", "ir", "format", "shapes"],
  catalog: ["util", "ir", "format", "shapes"],
  dsl: ["util", "ir", "format", "shapes", "rules", "catalog"],
  cards: ["util", "ir", "format", "shapes", "rules", "catalog", "dsl"],
  compile: ["util", "ir", "format", "shapes", "rules", "catalog", "dsl", "cards", "lift"],
  lift: ["util", "ir", "format", "shapes", "rules", "catalog", "dsl", "cards"],
  codegen: ["util", "ir", "format", "shapes", "rules", "catalog", "dsl", "cards", "lift"],
  review: ["util", "ir", "format", "shapes", "rules", "catalog", "lift"],
  simulate: ["util", "ir", "format", "shapes", "catalog", "lift"],
  testing: ["util", "ir", "format", "shapes", "rules", "catalog", "dsl", "cards", "compile", "lift", "simulate"],
  cli: [
    "util",
    "ir",
    "format",
    "shapes",
    "rules",
    "catalog",
    "dsl",
    "cards",
    "compile",
    "lift",
    "codegen",
    "review",
    "simulate",
    "testing",
    "init",
    "github",
  ],
  "(root)": ["util", "ir", "shapes", "dsl"],
};

/** Folder → folder → the only modules of it the folder may import (paths relative to src/). */
export const NARROW: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  review: { lift: ["lift/structure.ts"] },
  compile: { lift: ["lift/structure.ts"] },
};

export interface SourceFile {
  /** Path relative to src/, with forward slashes (`compile/lower.ts`). */
  path: string;
  text: string;
}

/** One import against the grain: `file:line imports "specifier" (folder → folder)`. */
export interface Violation {
  file: string;
  line: number;
  specifier: string;
  from: string;
  to: string;
}

function folderOf(path: string): string {
  const slash = path.indexOf("/");
  return slash < 0 ? "(root)" : path.slice(0, slash);
}

/** The module specifiers a file imports, with their lines: static, type-only, re-exports and dynamic `import()`. */
export function importsOf(file: SourceFile): Array<{ specifier: string; line: number }> {
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: Array<{ specifier: string; line: number }> = [];
  const add = (node: ts.Node | undefined): void => {
    if (node && ts.isStringLiteralLike(node))
      out.push({ specifier: node.text, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0]);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node.moduleReference.expression);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** Every relative import of every file checked against the map; also folders the map does not know. */
export function checkLayers(
  files: readonly SourceFile[],
  layers: Readonly<Record<string, readonly string[]>>,
  narrow: typeof NARROW = {},
): { violations: Violation[]; unmapped: string[] } {
  const violations: Violation[] = [];
  const unmapped = new Set<string>();
  for (const file of files) {
    const from = folderOf(file.path);
    if (!Object.hasOwn(layers, from)) {
      unmapped.add(from);
      continue;
    }
    const allowed = new Set([from, ...layers[from]!]);
    for (const { specifier, line } of importsOf(file)) {
      if (!specifier.startsWith(".")) continue; // packages and node: builtins
      const target = relative("/src", resolve("/src", dirname(file.path), specifier))
        .split("\\")
        .join("/");
      if (target.startsWith("..")) continue; // outside src/ (package.json)
      const to = folderOf(target);
      if (!Object.hasOwn(layers, to)) unmapped.add(to);
      if (!allowed.has(to)) violations.push({ file: `src/${file.path}`, line, specifier, from, to });
      else {
        const only = narrow[from]?.[to];
        const module = target.replace(/\.js$/, ".ts");
        if (only && !only.includes(module)) violations.push({ file: `src/${file.path}`, line, specifier, from, to: module });
      }
    }
  }
  return { violations, unmapped: [...unmapped].sort() };
}

function sourceFiles(dir: string, base = dir): SourceFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full, base);
    return e.name.endsWith(".ts") ? [{ path: relative(base, full).split("\\").join("/"), text: readFileSync(full, "utf8") }] : [];
  });
}

const SRC = join(REPO, "src");
const describeViolation = (v: Violation): string => `${v.file}:${v.line} imports "${v.specifier}" (${v.from} must not import ${v.to})`;

describe("layers of src/", () => {
  const files = sourceFiles(SRC);

  it("every import runs with the grain of the layer map", () => {
    expect(files.length).toBeGreaterThan(100);
    const { violations } = checkLayers(files, LAYERS, NARROW);
    expect(violations.map(describeViolation)).toEqual([]);
  });

  it("every folder of src/ is in the map, and every folder of the map exists", () => {
    const folders = new Set(files.map((f) => folderOf(f.path)));
    expect([...folders].filter((f) => !Object.hasOwn(LAYERS, f)).sort(), "folders missing from the layer map").toEqual([]);
    expect(
      Object.keys(LAYERS)
        .filter((f) => !folders.has(f))
        .sort(),
      "layer map entries with no folder",
    ).toEqual([]);
    expect(checkLayers(files, LAYERS).unmapped).toEqual([]);
  });

  it("the map is acyclic: no folder may import a folder that may import it", () => {
    const cycles = Object.entries(LAYERS).flatMap(([a, deps]) =>
      deps.filter((b) => (LAYERS[b] ?? []).includes(a)).map((b) => `${a} <-> ${b}`),
    );
    expect(cycles).toEqual([]);
  });

  it("the checker catches each kind of import against the grain, and a folder missing from the map", () => {
    const sample: SourceFile[] = [
      { path: "dsl/builder.ts", text: 'import { lower } from "../compile/lower.js";\n' },
      {
        path: "dsl/types.ts",
        text: '// a comment\nimport type { IrCard } from "../ir/types.js";\nimport type { CardKind } from "../review/address.js";\n',
      },
      { path: "format/index.ts", text: 'export { validateText } from "../rules/validate.js";\n' },
      { path: "review/load.ts", text: 'export async function load() {\n  return import("../compile/index.js");\n}\n' },
      {
        path: "lift/lift.ts",
        text: 'import { sideEntries } from "../shapes/entries.js";\nimport "node:fs";\nimport { z } from "zod";\nexport type T = import("../util/json.js").Json;\n',
      },
      { path: "catalog/x.ts", text: 'export type Kind = import("../review/address.js").CardKind;\n' },
      { path: "newfolder/x.ts", text: 'import { isObject } from "../util/json.js";\n' },
      {
        path: "review/walk.ts",
        text: 'import { indexScope } from "../lift/structure.js";\nimport { liftPack } from "../lift/lift-pack.js";\n',
      },
    ];
    const { violations, unmapped } = checkLayers(sample, LAYERS, NARROW);
    expect(violations.map(describeViolation)).toEqual([
      'src/dsl/builder.ts:1 imports "../compile/lower.js" (dsl must not import compile)',
      'src/dsl/types.ts:3 imports "../review/address.js" (dsl must not import review)',
      'src/format/index.ts:1 imports "../rules/validate.js" (format must not import rules)',
      'src/review/load.ts:2 imports "../compile/index.js" (review must not import compile)',
      'src/catalog/x.ts:1 imports "../review/address.js" (catalog must not import review)',
      'src/review/walk.ts:2 imports "../lift/lift-pack.js" (review must not import lift/lift-pack.ts)',
    ]);
    expect(unmapped).toEqual(["newfolder"]);
  });
});
