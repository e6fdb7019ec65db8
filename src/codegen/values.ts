/**
 * The values of a card's inputs, outputs and fields: constants (plain when they fit the entry's type, else
 * `verbatim(...)`), card and output ids inside constants (`idOf(...)`), flows, tables, folders and inline flows.
 */
import { ts } from "ts-morph";
import type { IrCard, IrDataId, IrValue, Json, JsonObject } from "../ir/types.js";
import { isObject } from "../util/json.js";
import { outputKey } from "./card-model.js";
import { cardRefExpr, laterRef, outputRefExpr } from "./card-refs.js";
import { fitsType, hasKindKey } from "./entry-shapes.js";
import { RESOURCES_MODULE, type FlowContext } from "./flow-context.js";
import { literal, propertyKey } from "./literal.js";

const f = ts.factory;

/** A value of `card`'s entry, written where scope `scope` is evaluated. */
export function valueExpr(w: FlowContext, value: IrValue, entry: JsonObject, scope: number, card: IrCard): ts.Expression {
  switch (value.kind) {
    case "flow":
      return flowExpr(w, value.flow);
    case "table": {
      const t = w.pack.table(value.table);
      if (t) return w.file.use(RESOURCES_MODULE, t);
      w.lossy.push(`card ${JSON.stringify(card.name)} points to a table that is not in the export`);
      return f.createNull();
    }
    case "inline":
      return w.inlineFlow(value.scope, scope);
    case "json":
      return value.ids ? constantWithIds(w, value.data, value.ids, entry, scope) : constant(w, value.data, entry);
  }
}

/** A constant as lower accepts it for this entry: plain when it fits the entry's type, else `verbatim(...)`. */
export function constant(w: FlowContext, data: Json, entry: JsonObject): ts.Expression {
  return fitting(w, data, entry, literal(data));
}

/** Constant data holding card/output ids: each id written as `idOf(card)` / `idOf(card.$out("key"))`. */
function constantWithIds(w: FlowContext, data: Json, ids: readonly IrDataId[], entry: JsonObject, scope: number): ts.Expression {
  const at = new Map(ids.map((d) => [JSON.stringify(d.path), d]));
  const build = (v: Json, path: Array<string | number>): ts.Expression => {
    const id = at.get(JSON.stringify(path));
    if (id) return idOfExpr(w, id, scope);
    if (Array.isArray(v))
      return f.createArrayLiteralExpression(
        v.map((x, i) => build(x, [...path, i])),
        false,
      );
    if (isObject(v))
      return f.createObjectLiteralExpression(
        Object.keys(v).map((k) => f.createPropertyAssignment(propertyKey(k), build(v[k]!, [...path, k]))),
        false,
      );
    return literal(v);
  };
  return fitting(w, data, entry, build(data, []));
}

/** `expr` (the data written out) when the data fits the entry's type as lower reads it, else `verbatim(expr)`. */
function fitting(w: FlowContext, data: Json, entry: JsonObject, expr: ts.Expression): ts.Expression {
  const v = isObject(entry.value) ? entry.value : {};
  const t = typeof v.type === "string" ? v.type : "object";
  if (fitsType(data, t, v.collection === true) && !hasKindKey(data)) return expr;
  return f.createCallExpression(w.file.use("flocode", "verbatim"), undefined, [expr]);
}

function idOfExpr(w: FlowContext, id: IrDataId, scope: number): ts.Expression {
  if ("dangling" in id.card || !w.index.cardsByRef.has(id.card.ref)) return literal("dangling" in id.card ? id.card.dangling : id.card.ref);
  const ref = id.card.ref;
  let target: ts.Expression = cardRefExpr(w, ref);
  if (id.output) {
    const key = outputKey(w.model(ref).outputs, id.output);
    if (key === undefined) {
      w.lossy.push(`an id in constant data points to an output that cannot be addressed`);
      return f.createNull();
    }
    target = outputRefExpr(w, ref, id.output, key);
  }
  return f.createCallExpression(w.file.use("flocode", "idOf"), undefined, [laterRef(w, ref, target, scope)]);
}

/**
 * A flow of the pack: its file's default import, or `flowNamed(...)` for the flow being written; a flow kept
 * elsewhere: its `externalFlow(...)` from the resources module.
 */
export function flowExpr(w: FlowContext, flowRef: string): ts.Expression {
  const external = w.pack.externalFlow(flowRef);
  if (external !== undefined) return w.file.use(RESOURCES_MODULE, external);
  const target = w.pack.flow(flowRef);
  if (!target) {
    w.lossy.push(`a card points to a flow that is not in the export`);
    return f.createNull();
  }
  if (flowRef === w.flow.ref) return f.createCallExpression(w.file.use("flocode", "flowNamed"), undefined, [literal(target.name)]);
  return w.file.useDefault(target.module, target.binding);
}

export function folderExpr(w: FlowContext, ref: string): ts.Expression | undefined {
  const n = w.pack.folder(ref);
  return n ? w.file.use(RESOURCES_MODULE, n) : undefined;
}
