/**
 * A card that calls a helper flow (For Each, Map, Filter, Reduce, Call Flow, Repeat) passes it arguments: its
 * custom inputs, keyed by the helper's parameters (279 of 282 calling cards of the real exports; FLOPACK.md §6.4).
 * Checked once the scope is wired: each argument names a parameter the helper declares, of a type Okta converts
 * to the parameter's; the item field an iterator's argument takes (`fromItem`) is a field of the list's items;
 * every parameter not declared optional (`"string?"`) is mapped.
 */
import type { JsonObject } from "../../ir/types.js";
import { isObject } from "../../util/json.js";
import { didYouMean, listValues, nearest } from "../../util/suggest.js";
import type { Recording } from "../../dsl/recording.js";
import { DslError } from "../../dsl/errors.js";
import type { CustomField, FlowDef } from "../../dsl/types.js";
import { isConnectorCard } from "../../shapes/address.js";
import { conversion, describeType, type ValueType } from "../../shapes/conversion.js";
import { entryRefKey } from "../../shapes/entries.js";
import { fieldAt } from "../../shapes/expand.js";
import { HELPER_CALL_ADDRESSES, LIST_ITERATOR_ADDRESSES, TABLES_CONNECTOR } from "../../shapes/known-cards.js";
import { WORMHOLE_GROUP } from "../../shapes/wormhole.js";
import { tableOfCard } from "./choices.js";
import type { FlowState, LoweredCard } from "./state.js";

interface HelperParams {
  flow: FlowDef;
  params: readonly CustomField[];
  /** Parameters a caller may leave unmapped; undefined when the helper's root is written out (any may be). */
  optional: ReadonlySet<string> | undefined;
}

interface Argument {
  key: string;
  type: ValueType | undefined;
  fromItem: string | null | undefined;
}

export function checkHelperCalls(state: FlowState, recording: Recording): void {
  for (const node of recording.nodes) {
    const lowered = state.lowered.get(node);
    if (!lowered || lowered.failed || lowered.incomplete || !HELPER_CALL_ADDRESSES.has(node.spec.address)) continue;
    const helper = helperOf(state, node.spec.inputs?.flo);
    if (!helper) continue;
    for (const mistake of callMistakes(lowered, helper)) state.pack.diagnostics.report(mistake);
  }
}

function callMistakes(lowered: LoweredCard, helper: HelperParams): DslError[] {
  const site = lowered.node.spec.site;
  const card = `card ${JSON.stringify(lowered.card.name)}`;
  const flow = `helper flow ${JSON.stringify(helper.flow.options.name)}`;
  const byKey = new Map(helper.params.map((p) => [p.key, p]));
  const keys = [...byKey.keys()];
  const mistakes: DslError[] = [];
  const mistake = (message: string): number => mistakes.push(new DslError(message, site));
  const args = argumentsOf(lowered);
  // A parameter an argument misspells is not reported again as unmapped: one mistake, one report.
  const misspelled = new Set<string>();
  const itemType = LIST_ITERATOR_ADDRESSES.has(lowered.card.address) ? listItemType(lowered) : undefined;
  for (const arg of args) {
    const what = `argument ${JSON.stringify(arg.key)} of ${card}`;
    const param = byKey.get(arg.key);
    if (!param) {
      const declared = keys.length > 0 ? `its parameters: ${listValues(keys)}` : "it declares none";
      const meant = nearest(arg.key, keys);
      if (meant !== undefined) misspelled.add(meant);
      mistake(
        `${what}: ${flow} has no parameter ${JSON.stringify(arg.key)}; ${declared}${meant !== undefined ? `; did you mean ${JSON.stringify(meant)}?` : ""}`,
      );
      continue;
    }
    const paramType: ValueType = { type: param.type as ValueType["type"], collection: param.collection ?? false };
    if (arg.type && conversion(arg.type, paramType) === "incompatible")
      mistake(
        `${what} is ${describeType(arg.type)}, but ${flow} takes parameter ${JSON.stringify(arg.key)} as ${describeType(paramType)} and Okta has no conversion between them`,
      );
    if (itemType && typeof arg.fromItem === "string") {
      const problem = fromItemProblem(itemType, arg.fromItem, paramType);
      if (problem) mistake(`${what}: fromItem ${JSON.stringify(arg.fromItem)} ${problem}`);
    }
  }
  if (helper.optional) {
    const given = new Set(args.map((a) => a.key));
    const unmapped = keys.filter((k) => !given.has(k) && !helper.optional!.has(k) && !misspelled.has(k));
    if (unmapped.length > 0)
      mistake(
        `${card} leaves ${unmapped.length === 1 ? "parameter" : "parameters"} ${listValues(unmapped)} of ${flow} unmapped: pass ${unmapped.length === 1 ? "it" : "each"} as an argument (customInputs), or declare ${unmapped.length === 1 ? "it" : "them"} optional in the helper flow ("string?")`,
      );
  }
  return mistakes;
}

/** The helper flow a `flo` input names, with its parameters; undefined for an inline flow or a flow of no pack. */
function helperOf(state: FlowState, value: unknown): HelperParams | undefined {
  const kind = isObject(value) ? value.kind : undefined;
  const def =
    kind === "flow"
      ? (value as unknown as FlowDef)
      : kind === "flowName"
        ? state.pack.flows.byName.get(String((value as { name?: unknown }).name))
        : undefined;
  if (!def || !state.pack.flows.refs.has(def)) return undefined;
  const trigger = def.options.trigger;
  if (def.options.root) return { flow: def, params: def.options.root.customInputs ?? [], optional: undefined };
  if (trigger.kind === "card") return { flow: def, params: trigger.card.customInputs ?? [], optional: undefined };
  if (trigger.kind !== "helper") return undefined;
  return { flow: def, params: trigger.params ?? [], optional: new Set(trigger.optional ?? []) };
}

/** The arguments a calling card passes: its custom inputs, wormhole ends aside. */
function argumentsOf(lowered: LoweredCard): Argument[] {
  const out: Argument[] = [];
  for (const f of lowered.node.spec.customInputs ?? []) {
    if (!f || typeof f.key !== "string") continue;
    const raw = isObject(f.raw) ? f.raw : undefined;
    const group = f.group ?? (raw ? raw.group : null);
    if (group === WORMHOLE_GROUP || (group !== null && group !== undefined)) continue;
    out.push({ key: f.key, type: typeOfField(f, raw), fromItem: f.fromItem !== undefined ? f.fromItem : proxyPath(raw) });
  }
  return out;
}

function typeOfField(f: CustomField, raw: JsonObject | undefined): ValueType | undefined {
  const value = raw && isObject(raw.value) ? raw.value : undefined;
  const type = value ? value.type : f.type;
  if (typeof type !== "string" && !isObject(type)) return undefined;
  return { type: type as ValueType["type"], collection: value ? value.collection === true : (f.collection ?? false) };
}

function proxyPath(raw: JsonObject | undefined): string | null | undefined {
  const proxy = raw && isObject(raw.value) ? raw.value.proxy : undefined;
  return isObject(proxy) && (typeof proxy.path === "string" || proxy.path === null) ? proxy.path : undefined;
}

/**
 * The type of the items of an iterator's `list`, when it is wired from an output of known type. Rows of a Tables
 * card on a table of the pack have that table's columns (the card's template has the columns of the table it was
 * learned from), and the row fields every table has.
 */
function listItemType(lowered: LoweredCard): ValueType | undefined {
  const list = lowered.inputs.find((x) => x.ref.key === "list" && x.ref.group === null);
  const wired = list ? lowered.wiredSources?.get(entryRefKey(list.ref)) : undefined;
  if (!wired) return undefined;
  const table = wired.from ? tableOfCard(wired.from.node.spec) : undefined;
  if (table) {
    const schema: JsonObject = {};
    for (const c of table.columns) schema[c.name] = { type: c.type, collection: false };
    for (const [key, type] of ROW_FIELDS) schema[key] ??= { type, collection: false };
    return { type: schema, collection: false };
  }
  if (wired.from && isConnectorCard(wired.from.card.address, TABLES_CONNECTOR)) return undefined;
  return { type: wired.type.type, collection: false };
}

/** The fields every row of a table has besides its columns (Search Rows' rows in the real exports). */
const ROW_FIELDS: ReadonlyArray<[string, string]> = [
  ["Row ID", "string"],
  ["Created", "Date"],
  ["Updated", "Date"],
];

/**
 * Why `path` is not a field of the items (of type `item`) a parameter of type `param` can take, or undefined:
 * "" is the whole item; items of a primitive type have no fields; an object schema lists them; items typed
 * `object` without a schema cannot be checked.
 */
function fromItemProblem(item: ValueType, path: string, param: ValueType): string | undefined {
  if (path === "")
    return conversion(item, param) === "incompatible" ? `(the whole item) is ${describeType(item)}, not ${describeType(param)}` : undefined;
  if (typeof item.type === "string") {
    if (item.type === "object") return undefined;
    return `names a field, but the list's items are ${item.type}s: use fromItem: "" for the whole item`;
  }
  const schema = item.type;
  const field = fieldAt(schema, [path]) ?? (path.includes(".") ? fieldAt(schema, path.split(".")) : undefined);
  if (!field) {
    const fields = Object.keys(schema);
    return `is not a field of the list's items; their fields: ${listValues(fields)}${didYouMean(path, fields)}`;
  }
  const fieldType: ValueType = { type: field.type, collection: field.collection };
  if (conversion(fieldType, param) === "incompatible") return `is ${describeType(fieldType)}, not ${describeType(param)}`;
  return undefined;
}
