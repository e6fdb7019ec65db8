/**
 * Whether a card can be written with its typed factory from `flocode/cards` (`okta.getUser({...})`), and the
 * factory's props: only props the factory has, every required prop given, constants that fit the prop's type,
 * refs typed as the prop expects. Otherwise the card keeps the generic `card(address, {...})` form.
 */
import { ts } from "ts-morph";
import type { CardShape, InputShape } from "../catalog/shape.js";
import { checkValue, chooseCardVariant } from "../dsl/define-card.js";
import type { IrCard, Json, JsonObject } from "../ir/types.js";
import { actionKey } from "../shapes/address.js";
import type { ValueType } from "../shapes/conversion.js";
import { findEntry } from "../shapes/entries.js";
import { TABLE_COLUMN_SIDES } from "../shapes/tables.js";
import { hasKindKey } from "./entry-shapes.js";
import { literal } from "./literal.js";
import { factoryIndex } from "./factories.js";
import type { FileContext } from "./file-context.js";
import type { InputItem } from "./spec-inputs.js";

const f = ts.factory;

export interface TypedFactoryCall {
  /** The factory's path under `flocode/cards` (`["okta", "getUser"]`, `["kernel", "string", "compose"]`). */
  path: string[];
  props: Array<[string, ts.Expression]>;
  /** The variant the factory picks from its options. */
  variant?: string;
  /** Per input item: the spec key the factory writes it under. */
  keys: Map<InputItem, string>;
  /** The outputs the factory's type lists. */
  outputs: CardShape["outputs"];
}

/** The typed factory call's parts for `card` with these input items, or undefined when it needs `card(...)`. */
export function typedFactory(
  file: FileContext,
  card: IrCard,
  items: readonly InputItem[],
  keptEntries: JsonObject[],
  autoColumns = false,
): TypedFactoryCall | undefined {
  const info = factoryIndex().get(card.address);
  if (!info) return undefined;
  if (card.outputValues.length > 0 || card.removedInputs.length > 0 || card.removedOutputs.length > 0 || card.removedModelKeys.length > 0)
    return undefined;
  if (Object.keys(card.methodPatch).length > 0 || card.configRef !== undefined || card.joins.length > 0) return undefined;
  if (card.connection && !("ref" in card.connection)) return undefined;
  const codes = new Map(info.meta.inputs.map(([prop, , code, choices]) => [prop, { code, choices }]));
  const props: Array<[string, ts.Expression]> = [];
  const given = new Set<string>();
  const keys = new Map<InputItem, string>();
  const options: Record<string, Json> = Object.create(null) as Record<string, Json>;
  for (const item of items) {
    const shape = info.shape.inputs.find((si) => findEntry(keptEntries, si.specKey) === item.index);
    const code = shape ? codes.get(shape.prop) : undefined;
    if (!shape || !code || given.has(shape.prop)) return undefined;
    keys.set(item, shape.specKey);
    const schema = shape.types.some((t) => typeof t.type !== "string");
    if (item.ref) {
      if (item.ref.converted || shape.option) return undefined;
      const typeArg = typeArgument(shape, item.ref.sourceType, file);
      if (!typeArg && shape.types.some((t) => t.type !== "*")) return undefined;
      // A prop with choices takes refs of text (`Input<"a" | "b">`).
      const types = shape.choices ? [{ type: "string", collection: false }] : shape.types;
      props.push([shape.prop, item.expr({ typeArg, types })]);
    } else if (item.value?.kind === "json") {
      const data = item.value.data;
      if (item.verbatim || data === null || hasKindKey(data) || checkValue(data, code.code, code.choices) !== undefined) return undefined;
      if (schema && typeof data === "object") return undefined;
      props.push([shape.prop, item.expr()]);
      if (shape.option) options[shape.specKey] = data;
    } else if (item.value?.kind === "table") {
      if (!shape.table) return undefined;
      // A table chosen as the option makes lower add one field per column unless the card lists its fields:
      // a card that lists none is written with the table among its inputs (generic form), where lower adds none.
      const side = TABLE_COLUMN_SIDES[actionKey(card.address)];
      if (
        side &&
        shape.option &&
        !autoColumns &&
        !(side === "inputs" ? card.extraInputs : card.extraOutputs).some((x) => x.entry.group === "Fields")
      )
        return undefined;
      props.push([shape.prop, item.expr()]);
    } else if (item.value?.kind === "flow") {
      if (!code.code.includes("F")) return undefined;
      props.push([shape.prop, item.expr()]);
    } else return undefined;
    given.add(shape.prop);
  }
  if (card.address !== info.meta.address) {
    // Another version: the option values that make the factory write it are said, even where its template holds them.
    const alternate = info.meta.alternates?.find(([a, v]) => a === card.address && v === card.variant);
    if (!alternate) return undefined;
    for (const [key, values] of Object.entries(alternate[2])) {
      const si = info.shape.inputs.find((i) => i.specKey === key);
      if (Object.hasOwn(options, key) || values.length !== 1 || !si || given.has(si.prop)) continue;
      options[key] = values[0]!;
      props.push([si.prop, literal(values[0]!)]);
      given.add(si.prop);
    }
  }
  saySearchResultSet(info, card, options, props, given);
  if (info.shape.inputs.some((si) => si.required && !given.has(si.prop))) return undefined;
  const values = Object.fromEntries(
    items.flatMap((item) => (item.value?.kind === "json" && !item.option && keys.has(item) ? [[keys.get(item)!, item.value.data]] : [])),
  );
  const chosen = chooseCardVariant(info.meta, options, [...keys.values()], values);
  // A card of another version is written with the factory only when the factory picks exactly it.
  if (card.address !== info.meta.address && (chosen.address !== card.address || chosen.variant !== card.variant)) return undefined;
  const variant = chosen.address === info.meta.address ? chosen.variant : card.variant;
  return { path: info.path, props, keys, outputs: info.shape.outputs, ...(variant !== undefined ? { variant } : {}) };
}

/**
 * Search Rows' outputs are typed by its result set (`rows` only for all matching rows, src/dsl/table-cards.ts),
 * which the factory's type reads from the `resultSet` prop alone (default "one"): a card whose variant records
 * another result set says it, even where the variant implies it.
 */
function saySearchResultSet(
  info: NonNullable<ReturnType<ReturnType<typeof factoryIndex>["get"]>>,
  card: IrCard,
  options: Record<string, Json>,
  props: Array<[string, ts.Expression]>,
  given: Set<string>,
): void {
  const shape = info.shape.inputs.find((si) => si.option && si.specKey === "resultSet");
  if (!shape || given.has(shape.prop) || TABLE_COLUMN_SIDES[actionKey(card.address)] !== "outputs") return;
  const recorded = info.meta.variants.find(([v]) => v === card.variant)?.[1].resultSet;
  if (recorded?.length !== 1 || recorded[0] === "one") return;
  options[shape.specKey] = recorded[0]!;
  props.push([shape.prop, literal(recorded[0]!)]);
  given.add(shape.prop);
}

/** The TS type a ref must carry for a typed prop: the prop's alternative matching the source's type, else its first. */
function typeArgument(shape: InputShape, source: ValueType | undefined, file: FileContext): ts.TypeNode | undefined {
  const prim = (t: unknown): string => (typeof t === "string" ? t : "object");
  // Object-schema alternatives are typed as exact object literals: a ref is typed as a plain alternative.
  const plain = shape.types.filter((t) => typeof t.type === "string");
  const pick = plain.find((t) => source && prim(t.type) === prim(source.type) && t.collection === source.collection) ?? plain[0];
  if (!pick) return undefined;
  let node: ts.TypeNode;
  switch (prim(pick.type)) {
    case "string":
    case "Date":
      node = f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword);
      break;
    case "number":
      node = f.createKeywordTypeNode(ts.SyntaxKind.NumberKeyword);
      break;
    case "boolean":
      node = f.createKeywordTypeNode(ts.SyntaxKind.BooleanKeyword);
      break;
    case "object":
      node = f.createTypeReferenceNode(file.useType("flocode", "OktaObject"));
      break;
    default:
      return undefined;
  }
  return pick.collection ? f.createArrayTypeNode(node) : node;
}
