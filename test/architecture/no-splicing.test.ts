/**
 * Generated TypeScript is built as syntax trees (ts.factory), never by splicing text: every value reaches code
 * through `literal`, every key through `propertyKey`, every comment through `commentText` / `docComment`
 * (src/codegen/literal.ts), every name through the naming modules. This test scans the code that writes
 * TypeScript (src/codegen, and src/catalog which names what it writes) for the two ways text gets spliced:
 * - a substitution wrapped in quotes inside a template literal (`'${x}'`, `"${x}"`): hand-made string syntax;
 * - a template literal with substitutions, or a `+` concatenation, passed as the code text of an API that takes
 *   code as text (ts-morph's `addStatements`, `setInitializer`, `writer.write`..., `createSourceFile`'s text,
 *   `ts.factory.createIdentifier`'s name...).
 * Each finding is reported as file:line.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { REPO } from "../support/cli.js";

/** APIs taking code (or a name written verbatim) as text: method name → the argument positions holding it. */
const TEXT_APIS: Readonly<Record<string, readonly number[]>> = {
  addStatements: [0],
  insertStatements: [1],
  setInitializer: [0],
  setBodyText: [0],
  replaceWithText: [0],
  insertText: [1],
  write: [0],
  writeLine: [0],
  setType: [0],
  setReturnType: [0],
  setExpression: [0],
  createSourceFile: [1],
  createIdentifier: [0],
  createTypeReferenceNode: [0],
  createPropertyAccessExpression: [1],
  addSyntheticLeadingComment: [2],
  addSyntheticTrailingComment: [2],
};

/** The one place comment text is made (and made safe): the comment choke points of src/codegen/literal.ts. */
const COMMENT_CHOKE_POINT = "src/codegen/literal.ts";
const COMMENT_APIS = new Set(["addSyntheticLeadingComment", "addSyntheticTrailingComment"]);

export interface Splice {
  file: string;
  line: number;
  what: string;
}

function isSplicedText(node: ts.Expression): boolean {
  const e = skipParens(node);
  if (ts.isTemplateExpression(e)) return true;
  return ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken && (isTextish(e.left) || isTextish(e.right));
}

function isTextish(node: ts.Expression): boolean {
  const e = skipParens(node);
  return (
    ts.isStringLiteralLike(e) ||
    ts.isTemplateExpression(e) ||
    (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken && (isTextish(e.left) || isTextish(e.right)))
  );
}

function skipParens(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return e;
}

/** Every splice in one file's text (`file` as reported, relative to the repository). */
export function findSplices(file: string, text: string): Splice[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: Splice[] = [];
  const at = (node: ts.Node, what: string): void => {
    out.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, what });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isTemplateExpression(node)) {
      let before = node.head.text;
      for (const span of node.templateSpans) {
        const after = span.literal.text;
        const quote = before.at(-1);
        if ((quote === '"' || quote === "'") && after.startsWith(quote))
          at(span, `a quote-wrapped \${...} in a template literal (${quote}\${${span.expression.getText(source)}}${quote})`);
        before = after;
      }
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
      const positions = name !== undefined && Object.hasOwn(TEXT_APIS, name) ? TEXT_APIS[name]! : [];
      const exempt = name !== undefined && COMMENT_APIS.has(name) && file === COMMENT_CHOKE_POINT;
      for (const i of positions) {
        const arg = node.arguments[i];
        if (arg && !exempt && isSplicedText(arg)) at(arg, `text built by splicing passed to ${name}()`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** Where TypeScript is generated: code generation (import, card factories) and the catalog it names from. */
const SCANNED = ["src/codegen", "src/catalog"];

describe("generated TypeScript is never spliced from text", () => {
  it("the code generators build syntax trees, not text", () => {
    const files = SCANNED.flatMap((d) => tsFiles(join(REPO, d)));
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((f) => findSplices(relative(REPO, f).split("\\").join("/"), readFileSync(f, "utf8")));
    expect(found.map((s) => `${s.file}:${s.line}: ${s.what}`)).toEqual([]);
  });

  it("the scanner flags a hostile sample, line by line", () => {
    const sample = [
      'import { ts } from "ts-morph";', // 1
      "const f = ts.factory;", // 2
      "export function gen(file: any, name: string, value: string, writer: any, decl: any) {", // 3
      "  const code = `const x = '${value}';`;", // 4
      '  const other = `say("${name}")`;', // 5
      "  file.addStatements(`export const ${name} = 1;`);", // 6
      '  decl.setInitializer("{ a: " + value + " }");', // 7
      "  writer.write(`${name}(`);", // 8
      "  f.createIdentifier(`${name}Props`);", // 9
      "  ts.addSyntheticLeadingComment(f.createNull(), ts.SyntaxKind.SingleLineCommentTrivia, ` ${value}`, true);", // 10
      "  f.createStringLiteral(`./${name}.js`);", // 11: a string literal's text is escaped by the printer
      "  file.addStatements(code);", // 12: not visible here (the splice is on line 4)
      "  return [code, other];", // 13
      "}",
    ].join("\n");
    const lines = (file: string) => findSplices(file, sample).map((s) => s.line);
    expect(lines("src/codegen/hostile.ts")).toEqual([4, 5, 6, 7, 8, 9, 10]);
    // Comment text is made safe in one place: only there may it be put together.
    expect(lines(COMMENT_CHOKE_POINT)).toEqual([4, 5, 6, 7, 8, 9]);
  });
});
