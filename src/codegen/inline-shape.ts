/** Inline flow shapes in generated code: the changes to the usual shape, `undefined` for a key left out. */
import { ts } from "ts-morph";
import type { Json } from "../util/json.js";
import { literal, propertyKey } from "./literal.js";

const f = ts.factory;

export function shapeChangesExpr(changes: ReadonlyArray<[string, Json | undefined]>): ts.Expression {
  const props = changes.map(([k, v]) =>
    f.createPropertyAssignment(propertyKey(k), v === undefined ? f.createIdentifier("undefined") : literal(v)),
  );
  return f.createObjectLiteralExpression(props, false);
}
