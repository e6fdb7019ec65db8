/**
 * The inputs and options a card's spec states, by spec key: the values the card holds (constants, flows,
 * tables, inline flows, Tables filters as `where(...)`), single pins from cards written earlier as refs, and
 * required inputs the export leaves empty (lower requires them to be set).
 */
import { ts } from "ts-morph";
import type { IrCard, IrDataId, IrExtraEntry, IrValue, Json, JsonObject } from "../ir/types.js";
import type { ValueType } from "../shapes/conversion.js";
import { dataOf, isEmpty, sameEntry } from "../shapes/entries.js";
import { isObject } from "../util/json.js";
import { isOption, outputKey, specKey, type CardModel } from "./card-model.js";
import { refExpr } from "./card-refs.js";
import { isOutputAccess, type RefWant } from "./output-access.js";
import type { FlowContext, IncomingPin } from "./flow-context.js";
import { literal } from "./literal.js";
import { valueExpr } from "./values.js";
import { whereCall } from "./where.js";

export interface InputItem {
  /** The spec key (entry key or "group/key"). */
  key: string;
  /** Index among the template entries the card keeps. */
  index: number;
  option: boolean;
  /** The value expression; refs take what a typed factory prop accepts (its types, the type argument of `$custom<T>`). */
  expr: (want?: RefWant) => ts.Expression;
  value?: IrValue;
  verbatim?: boolean;
  ref?: { converted: boolean; sourceType: ValueType | undefined; outputKey: string };
}

export interface SpecInputs {
  items: InputItem[];
  /** The template entries the card keeps (what spec keys are resolved against). */
  keptEntries: JsonObject[];
  /** Hidden Tables filter fields written by `where(...)`. */
  filterFields: Set<IrExtraEntry>;
}

/** The input items of `card` written in scope `scope`; the pins written as refs are marked written in place. */
export function specInputs(w: FlowContext, card: IrCard, m: CardModel, scope: number, incoming: readonly IncomingPin[]): SpecInputs {
  const keptTemplate = m.inputs.filter((x) => x.template !== undefined);
  const keptEntries = keptTemplate.map((x) => x.entry);
  const items: InputItem[] = [];
  const filterFields = new Set<IrExtraEntry>();
  for (const v of card.inputValues) {
    const i = keptTemplate.findIndex((x) => sameEntry(x.ref, v.entry));
    const key = i < 0 ? undefined : specKey(keptEntries, i);
    if (key === undefined) {
      w.lossy.push(`card ${JSON.stringify(card.name)}: input ${JSON.stringify(v.entry.key)} cannot be addressed`);
      continue;
    }
    const filter = v.value.kind === "json" && v.value.ids ? whereExpr(w, card, v.value, incoming, scope) : undefined;
    if (filter) for (const x of filter.fields) filterFields.add(x);
    const expr = filter?.expr ?? valueExpr(w, v.value, keptTemplate[i]!.entry, scope, card);
    items.push({
      key,
      index: i,
      option: isOption(keptTemplate[i]!.entry),
      expr: () => expr,
      value: v.value,
      verbatim: isVerbatimCall(expr),
    });
  }
  for (const x of keptTemplate) {
    const pins = incoming.filter((p) => sameEntry(p.pin.input, x.ref));
    if (pins.length !== 1 || card.inputValues.some((v) => sameEntry(v.entry, x.ref))) continue;
    const { source, pin } = pins[0]!;
    if (!w.vars.isDeclared(source.ref) || w.index.scopeOfCard.get(source.ref) !== scope) continue;
    const index = keptTemplate.indexOf(x);
    const key = specKey(keptEntries, index);
    const ref = key === undefined ? undefined : refExpr(w, source, pin, x.type);
    if (key === undefined || ref === undefined) continue;
    w.pinsInPlace.add(pin);
    const converted = !ts.isIdentifier(ref) && !isOutputAccess(ref);
    const sm = w.model(source.ref);
    items.push({
      key,
      index,
      option: isOption(x.entry),
      expr: (want) => (want && !converted ? refExpr(w, source, pin, x.type, want)! : ref),
      ref: {
        converted,
        sourceType: sm.outputs.find((o) => sameEntry(o.ref, pin.output))?.type,
        outputKey: outputKey(sm.outputs, pin.output) ?? "/",
      },
    });
  }
  // A required input the export leaves empty is said explicitly (lower requires it to be set).
  keptTemplate.forEach((x, index) => {
    const e = x.entry;
    if (e.required !== true || e.flags === "p" || (isObject(e.metadata) && e.metadata.custom === true)) return;
    if (items.some((it) => it.index === index) || incoming.some((p) => sameEntry(p.pin.input, x.ref)) || !isEmpty(dataOf(e))) return;
    const key = specKey(keptEntries, index);
    if (key === undefined) return;
    const data = dataOf(e);
    items.push({ key, index, option: false, expr: () => literal(data), value: { kind: "json", data } });
  });
  return { items, keptEntries, filterFields };
}

/** A Tables "Where Expression" as `where(...)` (see where.ts); the pins it writes are marked written. */
function whereExpr(
  w: FlowContext,
  card: IrCard,
  value: { data: Json; ids?: IrDataId[] },
  incoming: readonly IncomingPin[],
  scope: number,
): { expr: ts.Expression; fields: IrExtraEntry[] } | undefined {
  const plan = whereCall(card, value, incoming, scope, {
    cardsByRef: w.index.cardsByRef,
    models: w.index.models,
    declared: (ref) => w.vars.isDeclared(ref),
    scopeOf: (ref) => w.index.scopeOfCard.get(ref),
    refExpr: (source, pin, type) => refExpr(w, source, pin, type),
    where: () => w.file.use("flocode", "where"),
  });
  if (!plan) return undefined;
  for (const p of plan.pins) w.pinsInPlace.add(p);
  return { expr: plan.expr, fields: plan.fields };
}

function isVerbatimCall(e: ts.Expression): boolean {
  return ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "verbatim";
}
