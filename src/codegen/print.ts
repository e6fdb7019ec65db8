/** Printing generated files: syntax trees to text (the printer escapes every string and comment). */
import { ts } from "ts-morph";

const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed, removeComments: false });

/**
 * Prints statements (a blank line between groups) with 2-space indents, ending with one newline. The printer
 * writes 4-space indents and keeps every string and comment on one line, so re-indenting is a per-line prefix
 * rewrite (much faster than running the formatter over every file).
 */
export function printFile(path: string, header: readonly string[], groups: ReadonlyArray<readonly ts.Statement[]>): string {
  const scratch = ts.createSourceFile(path, "", ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const parts = groups.filter((g) => g.length > 0).map((g) => g.map((s) => reindent(printStatement(s, 0, scratch))).join("\n"));
  return `${header.join("\n")}${header.length > 0 ? "\n" : ""}${parts.join("\n\n")}\n`;
}

function reindent(text: string): string {
  return text.replace(/^( {4})+/gm, (indent) => " ".repeat(indent.length / 2));
}

/** Blocks with at least this many statements are printed one statement at a time (see `printStatement`). */
const SPLICE_MIN_STATEMENTS = 32;

/**
 * A statement as the printer writes it `depth` blocks deep. The printer builds its text by appending every token
 * to one string: for a flow of 100k cards, a rope of millions of pieces that outweighs the syntax tree. So the
 * statements of a large block are printed one by one, each at the depth of the block (never re-indented by hand:
 * template literals keep their line breaks unindented), and spliced where a marker statement stands in for them
 * in the print of the rest. When the marker does not come out alone on its line, the statement is printed whole.
 */
function printStatement(statement: ts.Statement, depth: number, scratch: ts.SourceFile): string {
  const whole = () => printAtDepth(statement, depth, scratch);
  const blocks: ts.Block[] = [];
  const outline = outlineLargeBlocks(statement, blocks);
  if (blocks.length === 0) return whole();
  const text = printAtDepth(outline, depth, scratch);
  const out: string[] = [];
  let from = 0;
  for (let i = 0; i < blocks.length; i++) {
    const marker = `${markerName(i)};`;
    const at = text.indexOf(marker, from);
    const lineStart = text.lastIndexOf("\n", at) + 1;
    const indent = text.slice(lineStart, at);
    const alone = at >= from && /^( {4})*$/.test(indent) && text[at + marker.length] === "\n" && text.indexOf(marker, at + 1) === -1;
    if (!alone) return whole();
    out.push(text.slice(from, lineStart));
    blocks[i]!.statements.forEach((s, k) => {
      if (k > 0) out.push("\n");
      out.push(printStatement(s, indent.length / 4, scratch));
    });
    from = at + marker.length;
  }
  out.push(text.slice(from));
  return out.join("");
}

/** Prints the statement inside `depth` blocks and keeps the statement's lines: exactly its lines in a block that deep. */
function printAtDepth(statement: ts.Statement, depth: number, scratch: ts.SourceFile): string {
  let node: ts.Statement = statement;
  for (let i = 0; i < depth; i++) node = ts.factory.createBlock([node], true);
  const text = printer.printNode(ts.EmitHint.Unspecified, node, scratch);
  if (depth === 0) return text;
  let start = 0;
  for (let i = 0; i < depth; i++) start = text.indexOf("\n", start) + 1;
  let end = text.length;
  for (let i = 0; i < depth; i++) end = text.lastIndexOf("\n", end - 1);
  return text.slice(start, end);
}

function markerName(i: number): string {
  return `__flocode_block_${i}__`;
}

/** The statement with each large block (outermost ones; nested ones are found when printing those) as one marker. */
function outlineLargeBlocks(statement: ts.Statement, found: ts.Block[]): ts.Statement {
  const large = (node: ts.Node): boolean =>
    (ts.isBlock(node) && node.statements.length >= SPLICE_MIN_STATEMENTS) || ts.forEachChild(node, large) === true;
  if (!large(statement)) return statement;
  const visit = (node: ts.Node): ts.Node => {
    if (ts.isBlock(node) && node.statements.length >= SPLICE_MIN_STATEMENTS) {
      const marker = ts.factory.createExpressionStatement(ts.factory.createIdentifier(markerName(found.length)));
      found.push(node);
      return ts.factory.updateBlock(node, [marker]);
    }
    return ts.visitEachChild(node, visit, undefined);
  };
  return ts.visitNode(statement, visit) as ts.Statement;
}

/**
 * A module as the card-factory generator lays it out (ts-morph's formatter indents it afterwards): the header
 * line, then the statements: consecutive imports (or exports) on adjacent lines, a blank line between others.
 */
export function printModule(path: string, header: string, statements: readonly ts.Statement[]): string {
  const scratch = ts.createSourceFile(path, "", ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  let body = "";
  statements.forEach((s, i) => {
    const sameKind = i > 0 && ts.isImportDeclaration(s) === ts.isImportDeclaration(statements[i - 1]!) && !ts.isVariableStatement(s);
    const compact = sameKind && (ts.isImportDeclaration(s) || ts.isExportDeclaration(s));
    body += (i === 0 ? "" : compact ? "\n" : "\n\n") + printer.printNode(ts.EmitHint.Unspecified, s, scratch);
  });
  return `${header}\n${body}\n`;
}
