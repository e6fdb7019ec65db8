/**
 * A card's custom fields (`customInputs` / `customOutputs`): compact (`{ key, type, value, displayName, ... }`)
 * when lower's default shape for the field gives back the entry, else written whole as `raw` (which makes the
 * card raw in the import report); a wormhole end in its own compact form; links as card references.
 */
import { ts } from "ts-morph";
import type { IrCard, IrExtraEntry, JsonObject } from "../ir/types.js";
import { actionKey } from "../shapes/address.js";
import { customEntry } from "../shapes/custom-entry.js";
import { sameEntry } from "../shapes/entries.js";
import { cloneJson, isObject, jsonEqual } from "../util/json.js";
import { outputKey, type CardModel } from "./card-model.js";
import { laterRef, linkProp, outputRefExpr, refExpr } from "./card-refs.js";
import { defaultDataOf, entryLabels, labelsFor, type FieldLabels } from "./entry-shapes.js";
import { differingPaths, settingProps } from "./field-props.js";
import type { FlowContext, IncomingPin } from "./flow-context.js";
import { literal, objectLiteral } from "./literal.js";
import { constant, valueExpr } from "./values.js";
import { compactWormholeField } from "./wormholes.js";

const f = ts.factory;

/**
 * The `j`-th custom field of a side of `card`, written in scope `scope`; a single pin from `incoming` into it may
 * become its value. When it is written `raw`, why is added to `rawReasons`.
 */
export function customField(
  w: FlowContext,
  card: IrCard,
  m: CardModel,
  side: "inputs" | "outputs",
  x: IrExtraEntry,
  j: number,
  scope: number,
  incoming: readonly IncomingPin[],
  rawReasons: string[],
): ts.Expression {
  const action = actionKey(card.address);
  const entry = x.entry;
  const value = isObject(entry.value) ? entry.value : {};
  const type = (typeof value.type === "string" || isObject(value.type) ? value.type : "string") as string | JsonObject;
  const collection = value.collection === true;
  const group = typeof entry.group === "string" ? entry.group : null;
  const key = typeof entry.key === "string" ? entry.key : String(entry.key);
  // Wormhole ends have a compact form of their own (a `context` field with its `wormhole` card), and no other.
  const wormholeEnd = group === "context" && x.links?.wormholeMethodId !== undefined;
  const defaultData = wormholeEnd ? null : collection ? [] : defaultDataOf(type);
  const wormholeSettings = wormholeEnd ? compactWormholeField(action, side, x) : undefined;
  const labels: FieldLabels | undefined = wormholeEnd
    ? wormholeSettings && (wormholeSettings.ref ? { settings: wormholeSettings } : {})
    : labelsFor(entry, (l) => customEntry(action, side, { group, key, type, collection, data: defaultData, index: 0, ...l }));
  const isCompact = labels !== undefined;
  // With `raw` (the whole entry), lower reads only the type's kind (for conversions) from the other props.
  const props: ts.ObjectLiteralElementLike[] = [f.createPropertyAssignment("key", literal(key))];
  if (group !== null && isCompact) props.push(f.createPropertyAssignment("group", literal(group)));
  props.push(f.createPropertyAssignment("type", literal(isCompact || typeof type === "string" ? type : "object")));
  if (collection) props.push(f.createPropertyAssignment("collection", f.createTrue()));
  if (labels?.displayName !== undefined) props.push(f.createPropertyAssignment("displayName", literal(labels.displayName)));
  if (labels?.description !== undefined) props.push(f.createPropertyAssignment("description", literal(labels.description)));
  if (labels?.fromItem !== undefined) props.push(f.createPropertyAssignment("fromItem", literal(labels.fromItem)));
  for (const [prop, v] of settingProps(labels?.settings)) props.push(f.createPropertyAssignment(prop, literal(v)));
  let valueExpression: ts.Expression | undefined;
  const lowered = (side === "inputs" ? m.inputs : m.outputs).find((e) => e.extra === j);
  // A single pin from a card written earlier becomes the field's value.
  if (side === "inputs" && lowered) {
    const pins = incoming.filter((p) => sameEntry(p.pin.input, lowered.ref));
    if (pins.length === 1 && !(x.value.kind === "json" && !jsonEqual(x.value.data, isCompact ? defaultData : x.value.data))) {
      const { source, pin } = pins[0]!;
      if (w.vars.isDeclared(source.ref) && w.index.scopeOfCard.get(source.ref) === scope) {
        const ref = refExpr(w, source, pin, { type, collection });
        if (ref) {
          valueExpression = ref;
          w.pinsInPlace.add(pin);
        }
      }
    }
  }
  if (!isCompact) {
    const shape = customEntry(action, side, { group, key, type, collection, data: defaultData, index: 0, ...entryLabels(entry) });
    rawReasons.push(`custom ${side} ${JSON.stringify(key)}: ${differingPaths(shape, entry).join(", ")}`);
    const raw = cloneJson(entry);
    if (isObject(raw.value) && x.value.kind === "json") raw.value.data = cloneJson(x.value.data);
    props.push(f.createPropertyAssignment("raw", literal(raw)));
    if (x.value.kind !== "json" && !valueExpression) valueExpression = valueExpr(w, x.value, entry, scope, card);
  } else if (!valueExpression) {
    if (x.value.kind !== "json") valueExpression = valueExpr(w, x.value, entry, scope, card);
    else if (!jsonEqual(x.value.data, defaultData)) valueExpression = constant(w, x.value.data, { value: { type, collection } });
  }
  if (valueExpression) props.push(f.createPropertyAssignment("value", valueExpression));
  props.push(...linkProps(w, card, x, scope));
  return f.createObjectLiteralExpression(props, false);
}

/** The field's links to other cards: `wormhole`, `method`, `keyOf` (an output of a card), `source`. */
function linkProps(w: FlowContext, card: IrCard, x: IrExtraEntry, scope: number): ts.ObjectLiteralElementLike[] {
  const props: ts.ObjectLiteralElementLike[] = [];
  const links = x.links;
  if (links?.wormholeMethodId) props.push(linkProp(w, "wormhole", links.wormholeMethodId, scope));
  if (links?.method) props.push(linkProp(w, "method", links.method, scope));
  if (links?.keyOf) {
    const key = w.index.cardsByRef.has(links.keyOf.card) ? outputKey(w.model(links.keyOf.card).outputs, links.keyOf.entry) : undefined;
    if (key === undefined) w.lossy.push(`card ${JSON.stringify(card.name)}: a field keyed by an output that cannot be addressed`);
    else {
      const out = outputRefExpr(w, links.keyOf.card, links.keyOf.entry, key);
      props.push(f.createPropertyAssignment("keyOf", laterRef(w, links.keyOf.card, out, scope)));
    }
  }
  if (links?.srcMethodId || links?.srcOutputId) {
    const src: ts.ObjectLiteralElementLike[] = [];
    if (links.srcMethodId) src.push(linkProp(w, "card", links.srcMethodId, scope));
    const so = links.srcOutputId;
    if (so && "card" in so) {
      const sm = w.index.models.get(so.card);
      const k = sm ? outputKey(sm.outputs, so.entry) : undefined;
      if (k === undefined) w.lossy.push(`card ${JSON.stringify(card.name)}: a source output cannot be addressed`);
      else src.push(f.createPropertyAssignment("output", literal(k)));
    } else if (so) src.push(f.createPropertyAssignment("output", objectLiteral([["dangling", literal(so.dangling)]])));
    props.push(f.createPropertyAssignment("source", f.createObjectLiteralExpression(src, false)));
  }
  return props;
}
