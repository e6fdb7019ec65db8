/**
 * Import side of Tables search filters: a "Where Expression" written as `where(...)` when lower's `where` (see
 * src/compile/lower/table-filter.ts) gives back exactly this expression, its hidden `_expr` fields and their wires.
 */
import { ts } from "ts-morph";
import type { IrCard, IrDataId, IrEntryRef, IrExtraEntry, IrPin, Json } from "../ir/types.js";
import { entryRefs, sameEntry } from "../shapes/entries.js";
import { FILTER_FIELD_GROUP, filterFieldEntry, hiddenFieldData } from "../shapes/tables.js";
import { isObject, jsonEqual } from "../util/json.js";
import type { CardModel } from "./card-model.js";
import { hasKindKey, sameIgnoringIndex } from "./entry-shapes.js";
import { literal, objectLiteral } from "./literal.js";

const f = ts.factory;

export interface WhereContext {
  cardsByRef: ReadonlyMap<string, IrCard>;
  models: ReadonlyMap<string, CardModel>;
  /** Whether the card's variable holds its handle where the expression is written. */
  declared(ref: string): boolean;
  scopeOf(ref: string): number | undefined;
  refExpr(source: IrCard, pin: IrPin, type: CardModel["inputs"][number]["type"]): ts.Expression | undefined;
  /** The `where` identifier (imported as needed). */
  where(): ts.Expression;
}

/**
 * A Tables "Where Expression" as `where(...)`, when lower's where gives back exactly this expression and its
 * hidden fields (see src/compile/lower/table-filter.ts; the field's shape: src/shapes/tables.ts); undefined otherwise.
 */
export function whereCall(
  card: IrCard,
  value: { data: Json; ids?: IrDataId[] },
  incoming: ReadonlyArray<{ source: IrCard; pin: IrPin }>,
  scope: number,
  w: WhereContext,
): { expr: ts.Expression; fields: IrExtraEntry[]; pins: IrPin[] } | undefined {
  const data = value.data;
  if (!isObject(data) || Object.keys(data).length !== 1 || !Array.isArray(data.expr)) return undefined;
  const fields: IrExtraEntry[] = [];
  const pins: IrPin[] = [];
  const conditions: ts.Expression[] = [];
  for (const [i, c] of data.expr.entries()) {
    if (!isObject(c) || typeof c.lhs !== "string" || typeof c.op !== "string" || (c.join !== "AND" && c.join !== "OR")) return undefined;
    const props: Array<[string, ts.Expression]> = [
      ["column", literal(c.lhs)],
      ["op", literal(c.op)],
    ];
    const keys = Object.keys(c).sort().join(",");
    if (keys === "join,lhs,op,rhs") {
      if (c.rhs === undefined || hasKindKey(c.rhs)) return undefined;
      props.push(["value", literal(c.rhs)]);
    } else if (keys === "join,lhs,op,rhd") {
      const rhd = c.rhd;
      if (!isObject(rhd) || Object.keys(rhd).length !== 2) return undefined;
      const outId = value.ids?.find((d) => jsonEqual(d.path, ["expr", i, "rhd", "outputId"]));
      const methodId = value.ids?.find((d) => jsonEqual(d.path, ["expr", i, "rhd", "methodId"]));
      if (!outId?.output || !methodId || !("ref" in outId.card) || !("ref" in methodId.card) || outId.card.ref !== methodId.card.ref)
        return undefined;
      const source = w.cardsByRef.get(outId.card.ref);
      if (!source || !w.declared(source.ref)) return undefined;
      const sm = w.models.get(source.ref)!;
      const out = sm.outputs.find((o) => sameEntry(o.ref, outId.output!));
      if (!out) return undefined;
      const fakePin: IrPin = { output: outId.output, target: card.ref, input: { group: FILTER_FIELD_GROUP, key: "" }, transform: null };
      const ref = w.refExpr(source, fakePin, out.type);
      if (!ref) return undefined;
      props.push(["value", ref]);
      const field = card.extraInputs.find((x) => x.links?.keyOf?.card === source.ref && sameEntry(x.links.keyOf.entry, outId.output!));
      if (!field) props.push(["field", literal("none")]);
      else {
        const v = isObject(field.entry.value) ? field.entry.value : {};
        const available = Array.isArray(v.available) ? v.available : [];
        const expected = filterFieldEntry("", { type: out.type.type, collection: out.type.collection, data: null, available });
        expected.key = field.entry.key ?? null;
        const shapeOk =
          sameIgnoringIndex(field.entry, expected) &&
          field.value.kind === "json" &&
          jsonEqual(field.value.data, hiddenFieldData(out.type)) &&
          field.links?.method !== undefined &&
          "ref" in field.links.method &&
          field.links.method.ref === source.ref &&
          !field.links.wormholeMethodId &&
          !field.links.srcMethodId;
        if (!shapeOk || fields.includes(field)) return undefined;
        const fieldRef = entryRefOfExtra(card, field);
        const into = incoming.filter((p) => fieldRef && sameEntry(p.pin.input, fieldRef));
        if (into.length > 1) return undefined;
        if (into.length === 1) {
          const p = into[0]!;
          if (
            p.source.ref !== source.ref ||
            !sameEntry(p.pin.output, outId.output) ||
            p.pin.transform !== null ||
            w.scopeOf(source.ref) !== scope
          )
            return undefined;
          pins.push(p.pin);
        } else props.push(["field", literal("unwired")]);
        if (available.length > 0) props.push(["available", literal(available)]);
        fields.push(field);
      }
    } else return undefined;
    if (c.join !== "AND") props.push(["join", literal(c.join)]);
    conditions.push(objectLiteral(props));
  }
  return { expr: f.createCallExpression(w.where(), undefined, conditions), fields, pins };
}

/** The entry ref (group, key, nth) of one of a card's extra inputs. */
function entryRefOfExtra(card: IrCard, extra: IrExtraEntry): IrEntryRef | undefined {
  const i = card.extraInputs.indexOf(extra);
  return i < 0 ? undefined : entryRefs(card.extraInputs.map((x) => x.entry))[i];
}
