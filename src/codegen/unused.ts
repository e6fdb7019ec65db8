/**
 * Drops `const x = ...` down to `...;` when nothing reads `x` (cards are named when something might refer to
 * them; whether something does is only known once the whole file is written). Names are unique per file.
 */
import { ts } from "ts-morph";

const f = ts.factory;

export function dropUnusedConsts(statements: readonly ts.Statement[]): ts.Statement[] {
  const reads = new Map<string, number>();
  // Identifiers that are read: not property names (`kernel.control.if`, `{ name: ... }`, getters).
  const count = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      reads.set(node.text, (reads.get(node.text) ?? 0) + 1);
      return;
    }
    if (ts.isPropertyAccessExpression(node)) return count(node.expression);
    if (ts.isPropertyAssignment(node)) return count(node.initializer);
    if (ts.isGetAccessorDeclaration(node)) return node.body ? count(node.body) : undefined;
    ts.forEachChild(node, count);
  };
  // Synthetic nodes have no parents: count every identifier, then discount each declaration's own name.
  const declared: string[] = [];
  const collect = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) declared.push(node.name.text);
    ts.forEachChild(node, collect);
  };
  for (const s of statements) {
    count(s);
    collect(s);
  }
  for (const name of declared) reads.set(name, (reads.get(name) ?? 1) - 1);
  const visit = (node: ts.Node): ts.Node | undefined => {
    if (
      ts.isVariableStatement(node) &&
      (node.declarationList.flags & ts.NodeFlags.Const) !== 0 &&
      node.declarationList.declarations.length === 1
    ) {
      const d = node.declarationList.declarations[0]!;
      if (
        ts.isIdentifier(d.name) &&
        (reads.get(d.name.text) ?? 0) === 0 &&
        d.initializer &&
        !(node.modifiers ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
      ) {
        // `const x = f.trigger` that nothing reads: nothing to keep.
        if (ts.isPropertyAccessExpression(d.initializer) && d.initializer.name.text === "trigger") return undefined as unknown as ts.Node;
        const stmt = f.createExpressionStatement(ts.visitNode(d.initializer, visit) as ts.Expression);
        return ts.setSyntheticLeadingComments(stmt, ts.getSyntheticLeadingComments(node));
      }
    }
    return ts.visitEachChild(node, visit, undefined);
  };
  return statements.flatMap((s) => {
    const out = ts.visitNode(s, visit) as ts.Statement | undefined;
    return out ? [out] : [];
  });
}
