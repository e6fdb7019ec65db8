/**
 * The one choke point between data and code text: every value (of a flopack, of the catalog) reaches generated
 * TypeScript through `literal`, every property key through `propertyKey`, every comment through `commentText`
 * or `docComment`.
 * They build TypeScript factory nodes; the printer escapes. Nothing here splices data into code text.
 */
import { ts } from "ts-morph";
import type { Json } from "../util/json.js";

const f = ts.factory;
const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Keys an identifier would misbehave with (prototype members) are written as string keys. */
const PROBLEM_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** A JSON value as an expression (objects keep their key order; `__proto__` never sets a prototype). */
export function literal(value: Json): ts.Expression {
  if (value === null) return f.createNull();
  switch (typeof value) {
    case "string":
      return f.createStringLiteral(value);
    case "boolean":
      return value ? f.createTrue() : f.createFalse();
    case "number":
      return numberLiteral(value);
    default:
      break;
  }
  if (Array.isArray(value)) return f.createArrayLiteralExpression(value.map(literal), false);
  return objectLiteral(Object.keys(value).map((k) => [k, literal(value[k]!)]));
}

function numberLiteral(n: number): ts.Expression {
  if (!Number.isFinite(n)) throw new Error(`not a JSON number: ${String(n)}`);
  if (n < 0 || Object.is(n, -0)) return f.createPrefixUnaryExpression(ts.SyntaxKind.MinusToken, f.createNumericLiteral(String(-n)));
  return f.createNumericLiteral(String(n));
}

/** An object literal from [key, expression] pairs, keys through `propertyKey`. */
export function objectLiteral(props: ReadonlyArray<readonly [string, ts.Expression]>, multiLine = false): ts.ObjectLiteralExpression {
  return f.createObjectLiteralExpression(
    props.map(([k, v]) => f.createPropertyAssignment(propertyKey(k), v)),
    multiLine,
  );
}

/**
 * A property name: an identifier only for plain ASCII identifiers that are not problematic, else a string
 * literal; `__proto__` is computed (`["__proto__"]: x`), the one form that defines an own property.
 */
export function propertyKey(key: string): ts.PropertyName {
  if (key === "__proto__") return f.createComputedPropertyName(f.createStringLiteral(key));
  if (PLAIN_KEY.test(key) && !PROBLEM_KEYS.has(key)) return f.createIdentifier(key);
  return f.createStringLiteral(key);
}

/** Comment text that cannot end its comment early nor spill onto code lines: one line, `*\/` defused. */
export function commentText(text: string): string {
  return text
    .replace(/\r\n|\r|\n|\u2028|\u2029/g, " ")
    .replace(/\*\//g, "*\\/")
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "?")
    .trimEnd();
}

/** Attaches `// text` lines (each through `commentText`) before a node. */
export function withLineComments<T extends ts.Node>(node: T, lines: readonly string[]): T {
  let out = node;
  for (const line of lines) out = ts.addSyntheticLeadingComment(out, ts.SyntaxKind.SingleLineCommentTrivia, ` ${commentText(line)}`, true);
  return out;
}

/** Attaches a JSDoc comment (text split into lines); `*\/` in the text cannot close it early. */
export function docComment<T extends ts.Node>(node: T, lines: readonly string[]): T {
  const safe = lines.flatMap((l) => l.split(/\r\n|\r|\n|\u2028|\u2029/)).map((l) => l.replace(/\*\//g, "*\\/").trimEnd());
  const text = safe.length === 1 ? `* ${safe[0]} ` : `*\n${safe.map((l) => (l === "" ? " *" : ` * ${l}`)).join("\n")}\n `;
  return ts.addSyntheticLeadingComment(node, ts.SyntaxKind.MultiLineCommentTrivia, text, true);
}

/** `(param) => { statements }`: the body of a flow, a branch or an inline flow. */
export function blockArrow(param: string | ts.Identifier, statements: readonly ts.Statement[]): ts.ArrowFunction {
  return ts.factory.createArrowFunction(
    undefined,
    undefined,
    [ts.factory.createParameterDeclaration(undefined, undefined, param)],
    undefined,
    undefined,
    ts.factory.createBlock(statements, true),
  );
}
