import { describe, expect, it } from "vitest";
import { ts } from "ts-morph";
import { printFile } from "../../src/codegen/print.js";
import { literal, objectLiteral, withLineComments } from "../../src/codegen/literal.js";

const f = ts.factory;

/** The reference: the whole statement through the TypeScript printer at once, re-indented to 2 spaces. */
function printWhole(statements: readonly ts.Statement[]): string {
  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed, removeComments: false });
  const scratch = ts.createSourceFile("x.ts", "", ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const text = statements.map((s) => printer.printNode(ts.EmitHint.Unspecified, s, scratch)).join("\n");
  return `${text.replace(/^( {4})+/gm, (indent) => " ".repeat(indent.length / 2))}\n`;
}

/** A template literal over several lines: its line breaks are text, never indented. */
const multiLine = f.createNoSubstitutionTemplateLiteral("first\nsecond\n\nfourth", "first\nsecond\n\nfourth");

/** `const cN = f.add(card({ ... }))`, with a comment on every third one and a multi-line template on every fourth. */
function cardStatement(i: number, text: string): ts.Statement {
  const call = f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier("f"), "add"), undefined, [
    objectLiteral(
      [
        ["text", literal(text)],
        ["data", literal({ n: i, list: [1, "two", { three: null }] })],
        ...(i % 4 === 1 ? [["lines", multiLine] as [string, ts.Expression]] : []),
      ],
      i % 2 === 0,
    ),
  ]);
  const stmt = f.createVariableStatement(
    undefined,
    f.createVariableDeclarationList([f.createVariableDeclaration(`c${i}`, undefined, undefined, call)], ts.NodeFlags.Const),
  );
  return i % 3 === 0 ? withLineComments(stmt, [`card ${i}`, "second line"]) : stmt;
}

/** `export default flow({...}, (f) => { <n statements, one of them an If/Else with m statements per branch> })`. */
function flowStatement(n: number, m: number, text: (i: number) => string): ts.Statement {
  const body: ts.Statement[] = [];
  for (let i = 0; i < n; i++) {
    if (i === Math.floor(n / 2)) {
      const branch = (name: string) =>
        f.createArrowFunction(
          undefined,
          undefined,
          [f.createParameterDeclaration(undefined, undefined, name)],
          undefined,
          undefined,
          f.createBlock(
            Array.from({ length: m }, (_, k) => cardStatement(1000 + k, text(k))),
            true,
          ),
        );
      body.push(
        f.createExpressionStatement(
          f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier("f"), "ifElse"), undefined, [
            objectLiteral([]),
            branch("then"),
            branch("otherwise"),
          ]),
        ),
      );
    }
    body.push(cardStatement(i, text(i)));
  }
  const fn = f.createArrowFunction(
    undefined,
    undefined,
    [f.createParameterDeclaration(undefined, undefined, "f")],
    undefined,
    undefined,
    f.createBlock(body, true),
  );
  return f.createExportAssignment(
    undefined,
    undefined,
    f.createCallExpression(f.createIdentifier("flow"), undefined, [objectLiteral([["name", literal("x")]], true), fn]),
  );
}

describe("printFile", () => {
  it("prints large blocks statement by statement into the same text as one whole print", () => {
    const statements = [flowStatement(300, 80, (i) => `step ${i}`)];
    const printed = printFile("x.ts", [], [statements]);
    expect(printed).toBe(printWhole(statements));
    expect(printed).toContain('\n  const c0 = f.add({\n    text: "step 0",');
    expect(printed).toContain('\n  f.ifElse({}, then => {\n    const c1000 = f.add({\n      text: "step 0",');
    expect(printed).toContain("\n    // card 1002\n    // second line\n    const c1002 = f.add({\n");
    expect(printed).toContain(
      '\n  const c1 = f.add({ text: "step 1", data: { n: 1, list: [1, "two", { three: null }] }, lines: `first\nsecond\n\nfourth` });\n',
    );
    expect(printed).toContain(
      '\n    const c1001 = f.add({ text: "step 1", data: { n: 1001, list: [1, "two", { three: null }] }, lines: `first\nsecond\n\nfourth` });\n',
    );
  });

  it("still prints the same text when the data holds the marker text", () => {
    const hostile = (i: number) => (i % 2 === 0 ? "__flocode_block_0__;" : `x\n__flocode_block_0__;\n`);
    const statements = [flowStatement(100, 40, hostile)];
    expect(printFile("x.ts", [], [statements])).toBe(printWhole(statements));
  });

  it("keeps the header and a blank line between groups", () => {
    const imports = [
      f.createImportDeclaration(
        undefined,
        f.createImportClause(
          false,
          undefined,
          f.createNamedImports([f.createImportSpecifier(false, undefined, f.createIdentifier("flow"))]),
        ),
        f.createStringLiteral("flocode"),
      ),
    ];
    const body = [flowStatement(40, 1, (i) => String(i))];
    expect(printFile("x.ts", ["// header"], [imports, [], body])).toBe(`// header\n${printWhole(imports)}\n${printWhole(body)}`);
  });
});
