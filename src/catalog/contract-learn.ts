/**
 * Learning card contracts (contract.ts) from observations: every real card of an address, whatever its variant.
 * The result does not depend on the order of files or cards. Where observations disagree, the contract takes the
 * card's own shape and says why:
 *
 * - a type seen both as plain `object` and with object schemas is `object` (the schemas are authors' additions);
 *   several schemas and no plain object: the fields they all share, else `object`; primitive types that differ:
 *   the one most exports have;
 * - choices: every list the card offered (older versions of a card offer fewer); on Tables cards, plain-text
 *   choices of a data input are the chosen table's columns, not the card's;
 * - default: for options with choices, the value most exports hold (else the first choice); for data inputs with
 *   choices and for number/boolean inputs, the value a strict majority of at least two exports hold; text is the
 *   author's, never a default;
 * - required: every observation says so; an option with no default that every observation sets (a dynamic list
 *   such as a Slack channel, a Tables table) is required too.
 */
import type { Json, JsonObject } from "../util/json.js";
import { canonicalJson, cloneJson, defineKey, isObject } from "../util/json.js";
import { compareStrings } from "../util/compare.js";
import { connectorOf, parseAddress } from "../shapes/address.js";
import { TABLES_CONNECTOR } from "../shapes/known-cards.js";
import type { CardContract, ContractChoice, ContractField, InputContract } from "./contract.js";
import { isInstanceEntry } from "./template.js";

interface TypeObs {
  type: Json;
  collection: boolean;
  cards: number;
  exports: Set<string>;
}

interface FieldObs {
  group: string | null;
  key: string;
  cards: number;
  exports: Set<string>;
  /** Smallest position among the side's entries (a stable, order-independent field order). */
  position: number;
  types: Map<string, TypeObs>;
  option: boolean;
  requiredAll: boolean;
  hiddenAll: boolean;
  table: boolean;
  method?: string;
  /**
   * The exports (and cards) showing each label (`metadata.displayname`); "" for no label of its own (none, or
   * the key): the label most exports show is the card's own, not one author's customisation.
   */
  labels: Map<string, { cards: number; exports: Set<string> }>;
  choiceLists: Map<string, { list: ContractChoice[]; cards: number }>;
  values: Map<string, { value: Json; cards: number; exports: Set<string> }>;
  /** Cards on which the field holds a non-empty value. */
  set: number;
  /** Field of an extensible side or group (per-card data): kept only when every card has it. */
  dynamic: boolean;
}

interface CardObs {
  address: string;
  cards: number;
  exports: Set<string>;
  names: Map<string, number>;
  /** `model.comments` by display name: the card's help text is the one most exports agree on. */
  comments: Map<string, Map<string, { value: Json; exports: Set<string> }>>;
  tableCard: boolean;
  inputs: Map<string, FieldObs>;
  outputs: Map<string, FieldObs>;
}

export class ContractLearner {
  private readonly byAddress = new Map<string, CardObs>();

  /** Observes one real card; `exportName` is the file it comes from. */
  addCard(card: JsonObject, exportName: string): void {
    const address = card.address;
    if (typeof address !== "string" || address === "") return;
    let obs = this.byAddress.get(address);
    if (!obs) {
      obs = { address, cards: 0, exports: new Set(), names: new Map(), comments: new Map(), tableCard: false, inputs: new Map(), outputs: new Map() };
      this.byAddress.set(address, obs);
    }
    obs.cards++;
    obs.exports.add(exportName);
    const node = isObject(card.node) ? card.node : {};
    const model = isObject(node.model) ? node.model : {};
    const meta = isObject(model.metadata) ? model.metadata : {};
    const name = typeof meta.name === "string" ? meta.name : isObject(node.data) && typeof node.data.name === "string" ? node.data.name : "";
    obs.names.set(name, (obs.names.get(name) ?? 0) + 1);
    const texts = obs.comments.get(name) ?? new Map<string, { value: Json; exports: Set<string> }>();
    obs.comments.set(name, texts);
    const textId = "comments" in model ? canonicalJson(model.comments) : "";
    const text = texts.get(textId) ?? { value: "comments" in model ? cloneJson(model.comments!) : null, exports: new Set<string>() };
    text.exports.add(exportName);
    texts.set(textId, text);
    observeSide(obs, obs.inputs, model.inputs, address, exportName, true);
    observeSide(obs, obs.outputs, model.outputs, address, exportName, false);
  }

  /**
   * The help text (`model.comments`) of the cards of an address and display name: the text a strict majority of the
   * exports hold (a connector writes its cards' help text, whatever an author renamed the card to, so a connector
   * action's texts are counted over all its names; a function card has none, so there at least two exports must
   * agree), else undefined (each export's text is its author's). `null` when that majority has none.
   */
  helpText(address: string, name: string): Json | undefined {
    const byName = this.byAddress.get(address)?.comments;
    const texts = connectorOf(address) !== undefined && byName ? pooledTexts(byName.values()) : byName?.get(name);
    if (!texts) return undefined;
    const all = new Set([...texts.values()].flatMap((t) => [...t.exports])).size;
    const top = [...texts.values()].sort((a, b) => b.exports.size - a.exports.size || compareStrings(canonicalJson(a.value), canonicalJson(b.value)))[0];
    const enough = connectorOf(address) !== undefined || top?.value === null ? 1 : 2;
    return top && top.exports.size >= enough && 2 * top.exports.size > all ? top.value : undefined;
  }

  contracts(): CardContract[] {
    // Types and defaults are read from every version of the card (module:action): a field one version's only
    // export customised is told apart by the others.
    const pooled = new Map<string, Map<string, FieldObs[]>>();
    for (const obs of this.byAddress.values()) {
      const id = parseAddress(obs.address)?.moduleKey ?? obs.address;
      const bySide = pooled.get(id) ?? new Map<string, FieldObs[]>();
      pooled.set(id, bySide);
      for (const [side, fields] of [["i", obs.inputs], ["o", obs.outputs]] as const)
        for (const [fieldId, f] of fields) {
          const list = bySide.get(side + fieldId) ?? [];
          list.push(f);
          bySide.set(side + fieldId, list);
        }
    }
    return [...this.byAddress.values()]
      .map((obs) => {
        const bySide = pooled.get(parseAddress(obs.address)?.moduleKey ?? obs.address)!;
        return contractOf(obs, (side, f) => bySide.get(side + JSON.stringify([f.group, f.key])) ?? [f]);
      })
      .sort((a, b) => compareStrings(a.address, b.address));
  }
}

function observeSide(card: CardObs, fields: Map<string, FieldObs>, side: Json | undefined, address: string, exportName: string, input: boolean): void {
  if (!isObject(side) || !isObject(side.data)) return;
  const groupRules = isObject(side.groupRules) ? side.groupRules : {};
  const seen = new Set<string>();
  let position = 0;
  for (const entry of Object.values(side.data)) {
    if (!isObject(entry) || typeof entry.key !== "string" || isInstanceEntry(entry, address)) continue;
    const group = typeof entry.group === "string" ? entry.group : null;
    const id = JSON.stringify([group, entry.key]);
    if (seen.has(id)) continue;
    seen.add(id);
    const meta = isObject(entry.metadata) ? entry.metadata : {};
    const rule = group !== null && Object.hasOwn(groupRules, group) ? groupRules[group] : undefined;
    let f = fields.get(id);
    if (!f) {
      f = {
        group,
        key: entry.key,
        cards: 0,
        exports: new Set(),
        position: Number.MAX_SAFE_INTEGER,
        types: new Map(),
        option: false,
        requiredAll: true,
        hiddenAll: true,
        table: false,
        labels: new Map(),
        choiceLists: new Map(),
        values: new Map(),
        set: 0,
        dynamic: false,
      };
      fields.set(id, f);
    }
    f.cards++;
    f.exports.add(exportName);
    f.position = Math.min(f.position, position++);
    f.dynamic ||= side.extensible === true || (isObject(rule) && rule.extensible === true);
    const value = isObject(entry.value) ? entry.value : {};
    const type = value.type ?? "object";
    const collection = value.collection === true;
    const typeId = canonicalJson([type, collection]);
    const t = f.types.get(typeId) ?? { type: cloneJson(type), collection, cards: 0, exports: new Set<string>() };
    t.cards++;
    t.exports.add(exportName);
    f.types.set(typeId, t);
    const label = typeof meta.displayname === "string" && meta.displayname.trim() !== "" && meta.displayname !== entry.key ? meta.displayname : "";
    const shown = f.labels.get(label) ?? { cards: 0, exports: new Set<string>() };
    shown.cards++;
    shown.exports.add(exportName);
    f.labels.set(label, shown);
    if (!input) continue;
    f.option ||= entry.flags === "p";
    f.requiredAll &&= entry.required === true;
    f.hiddenAll &&= meta.hidden === true || meta.forceHide === true;
    if (meta.table === true) {
      f.table = true;
      card.tableCard = true;
    }
    if (isObject(meta.method) && typeof meta.method.channel === "string" && typeof meta.method.operation === "string")
      f.method ??= `${meta.method.channel}.${meta.method.operation}`;
    if (Array.isArray(meta.choices) && meta.choices.length > 0) {
      const list = meta.choices.map(choiceOf);
      const listId = canonicalJson(list);
      const known = f.choiceLists.get(listId) ?? { list, cards: 0 };
      known.cards++;
      f.choiceLists.set(listId, known);
    }
    const data = value.data;
    if (data !== undefined && !isEmpty(data)) f.set++;
    if (data !== undefined && (data === null || typeof data !== "object")) {
      const v = f.values.get(canonicalJson(data)) ?? { value: data, cards: 0, exports: new Set<string>() };
      v.cards++;
      v.exports.add(exportName);
      f.values.set(canonicalJson(data), v);
    }
  }
}

function choiceOf(c: Json): ContractChoice {
  if (isObject(c) && "value" in c) {
    const value = cloneJson(c.value!);
    return typeof c.label === "string" && c.label !== String(value) ? { value, label: c.label } : { value };
  }
  return { value: cloneJson(c) };
}

function isEmpty(d: Json): boolean {
  return d === null || d === "" || (Array.isArray(d) && d.length === 0) || (isObject(d) && Object.keys(d).length === 0);
}

/** The observations of the same field on every version of the card. */
type Pool = (side: "i" | "o", f: FieldObs) => FieldObs[];

function contractOf(obs: CardObs, pool: Pool): CardContract {
  const name = mostCommon(obs.names) ?? "";
  const connector = connectorOf(obs.address);
  const keep = (f: FieldObs) => !f.dynamic || f.cards === obs.cards;
  return {
    address: obs.address,
    name,
    cards: obs.cards,
    exports: obs.exports.size,
    connection: connector !== undefined && connector !== TABLES_CONNECTOR,
    inputs: ordered(obs.inputs).filter(keep).map((f) => inputContract(obs, f, pool("i", f))),
    outputs: ordered(obs.outputs).filter(keep).map((f) => fieldContract(obs, f, pool("o", f))),
  };
}

/** Type observations of several fields, merged by type. */
function mergedTypes(fields: readonly FieldObs[]): TypeObs[] {
  const out = new Map<string, TypeObs>();
  for (const f of fields)
    for (const [id, t] of f.types) {
      const m = out.get(id) ?? { type: t.type, collection: t.collection, cards: 0, exports: new Set<string>() };
      m.cards += t.cards;
      for (const e of t.exports) m.exports.add(e);
      out.set(id, m);
    }
  return [...out.values()];
}

/** Value observations of several fields, merged by value. */
function mergedValues(fields: readonly FieldObs[]): Array<{ value: Json; cards: number; exports: Set<string> }> {
  const out = new Map<string, { value: Json; cards: number; exports: Set<string> }>();
  for (const f of fields)
    for (const [id, v] of f.values) {
      const m = out.get(id) ?? { value: v.value, cards: 0, exports: new Set<string>() };
      m.cards += v.cards;
      for (const e of v.exports) m.exports.add(e);
      out.set(id, m);
    }
  return [...out.values()];
}

function ordered(fields: Map<string, FieldObs>): FieldObs[] {
  return [...fields.values()].sort(
    (a, b) => a.position - b.position || compareStrings(a.group ?? "", b.group ?? "") || compareStrings(a.key, b.key),
  );
}

function fieldContract(card: CardObs, f: FieldObs, pooled: readonly FieldObs[]): ContractField {
  const types = mergedTypes(pooled);
  const resolved = resolveType([...f.types.values()]);
  let { type, why } = resolved;
  const collection = resolved.collection;
  if (isObject(type) && card.tableCard) {
    // Search Rows' rows: their fields are the columns of the table each export chose.
    type = "object";
    why = "its object schema is the chosen table's columns";
  } else if (isObject(type) && types.some((t) => t.type === "object" && t.collection === collection)) {
    // A schema where other versions of the card have a plain object: one export's addition, not the card's shape.
    const schemas = types.filter((t) => isObject(t.type));
    type = "object";
    why = [why, `${new Set(schemas.flatMap((t) => [...t.exports])).size} export(s) give it their own object schema (other versions: a plain object)`]
      .filter((w) => w !== undefined)
      .join("; ");
  }
  const out: ContractField = { group: f.group, key: f.key, type, collection };
  // Fields whose type the user switches (If operands, Object Get's output): the other primitive types seen.
  const also = [...new Set(types.filter((t) => t.collection === collection && typeof t.type === "string" && t.type !== type).map((t) => t.type as string))];
  if (typeof type === "string" && also.length > 0) out.also = also.sort(compareStrings);
  const label = ownLabel(f.labels);
  if (label !== undefined) out.label = label;
  if (f.cards < card.cards) out.seen = f.cards;
  if (why !== undefined) out.why = why;
  return out;
}

function inputContract(card: CardObs, f: FieldObs, pooled: readonly FieldObs[]): InputContract {
  const base = fieldContract(card, f, pooled);
  const out: InputContract = { ...base, option: f.option, required: f.requiredAll };
  const why: string[] = base.why !== undefined ? [base.why] : [];
  if (f.hiddenAll) out.hidden = true;
  if (f.table) out.table = true;
  if (f.method !== undefined) out.dynamic = f.method;
  const lists = [...f.choiceLists.values()].sort((a, b) => b.cards - a.cards || compareStrings(canonicalJson(a.list), canonicalJson(b.list)));
  const plainText = lists.every((l) => l.list.every((c) => c.label === undefined && typeof c.value === "string"));
  if (lists.length > 0 && card.tableCard && !f.option && plainText) {
    why.push("its choices are the columns of the chosen table");
  } else if (lists.length > 0) {
    const choices: ContractChoice[] = [];
    const seen = new Set<string>();
    for (const l of lists)
      for (const c of l.list) {
        const id = canonicalJson(c.value);
        if (seen.has(id)) continue;
        seen.add(id);
        choices.push(c);
      }
    out.choices = choices;
  }
  const fallback = defaultOf(pooled, out);
  if (fallback !== undefined) out.default = fallback;
  // An option with no default that every card sets is chosen by the user: a dynamic list, a table.
  if (f.option && out.default === undefined && !out.hidden && f.set === f.cards && f.cards === card.cards) out.required = true;
  if (why.length > 0) out.why = why.join("; ");
  else delete out.why;
  return out;
}

/** What a new card holds: see the module comment. */
function defaultOf(pooled: readonly FieldObs[], input: InputContract): Json | undefined {
  const choices = input.choices?.map((c) => c.value);
  const inChoices = (v: Json) => !choices || choices.some((c) => c === v);
  const candidates = mergedValues(pooled)
    .filter((v) => !isEmpty(v.value) && inChoices(v.value))
    .sort((a, b) => b.exports.size - a.exports.size || b.cards - a.cards || compareStrings(canonicalJson(a.value), canonicalJson(b.value)));
  if (input.option && choices && choices.length > 0) return cloneJson(candidates[0]?.value ?? choices[0]!);
  if (input.option || input.hidden || input.collection) return undefined;
  const scalar = input.type === "number" || input.type === "boolean";
  if (!choices && !scalar) return undefined;
  const top = candidates[0];
  const exports = new Set(pooled.flatMap((f) => [...f.exports])).size;
  if (!top || top.exports.size < 2 || 2 * top.exports.size <= exports) return undefined;
  return cloneJson(top.value);
}

/** The label most exports show (then most cards, then the first by name); undefined when that is no label. */
function ownLabel(labels: FieldObs["labels"]): string | undefined {
  let best: [string, { cards: number; exports: Set<string> }] | undefined;
  for (const [k, n] of labels) {
    const order = best ? n.exports.size - best[1].exports.size || n.cards - best[1].cards || compareStrings(best[0], k) : 1;
    if (order > 0) best = [k, n];
  }
  return best && best[0] !== "" ? best[0] : undefined;
}

/** Texts seen under several names, by text: the exports holding each. */
function pooledTexts(byName: Iterable<Map<string, { value: Json; exports: Set<string> }>>): Map<string, { value: Json; exports: Set<string> }> {
  const out = new Map<string, { value: Json; exports: Set<string> }>();
  for (const texts of byName)
    for (const [id, text] of texts) {
      const seen = out.get(id) ?? { value: text.value, exports: new Set<string>() };
      for (const e of text.exports) seen.exports.add(e);
      out.set(id, seen);
    }
  return out;
}

function mostCommon(counts: Map<string, number>): string | undefined {
  let best: [string, number] | undefined;
  for (const [k, n] of counts) if (!best || n > best[1] || (n === best[1] && compareStrings(k, best[0]) < 0)) best = [k, n];
  return best?.[0];
}

/** The card's own type among observed ones (see the module comment). */
export function resolveType(observed: readonly TypeObs[]): { type: Json; collection: boolean; why?: string } {
  if (observed.length === 1) return { type: cloneJson(observed[0]!.type), collection: observed[0]!.collection };
  const exportsOf = (list: readonly TypeObs[]) => new Set(list.flatMap((t) => [...t.exports])).size;
  const lists = observed.filter((t) => t.collection);
  const singles = observed.filter((t) => !t.collection);
  const collection = exportsOf(lists) > exportsOf(singles) || (exportsOf(lists) === exportsOf(singles) && lists.length > singles.length);
  const chosen = collection ? lists : singles;
  const why: string[] = [];
  if (chosen.length !== observed.length) {
    const other = collection ? singles : lists;
    why.push(`${collection ? "a single value" : "a list"} in ${exportsOf(other)} export(s)`);
  }
  const schemas = chosen.filter((t) => isObject(t.type));
  const plain = chosen.filter((t) => !isObject(t.type));
  // An object schema counts as an object: the card's own type is the kind most exports show.
  const kindOf = (t: TypeObs) => (isObject(t.type) ? "object" : typeof t.type === "string" ? t.type : canonicalJson(t.type));
  const kinds = new Map<string, TypeObs[]>();
  for (const t of chosen) kinds.set(kindOf(t), [...(kinds.get(kindOf(t)) ?? []), t]);
  const ranked = [...kinds.entries()].sort(
    (a, b) => exportsOf(b[1]) - exportsOf(a[1]) || compareStrings(a[0], b[0]),
  );
  const topKind = ranked[0]![0];
  let type: Json;
  if (topKind === "object" && schemas.length > 0 && plain.some((t) => t.type === "object")) {
    type = "object";
    why.push(`${exportsOf(schemas)} export(s) give it their own object schema`);
  } else if (topKind === "object" && schemas.length > 1 && !plain.some((t) => t.type === "object")) {
    const shared = sharedSchema(schemas.map((s) => s.type as JsonObject));
    type = shared ?? "object";
    why.push(shared ? "exports give it different object schemas: the fields they all share" : "exports give it different object schemas with no field in common");
  } else {
    const byExports = [...(topKind === "object" ? chosen.filter((t) => kindOf(t) === "object") : chosen)].sort(
      (a, b) => b.exports.size - a.exports.size || b.cards - a.cards || compareStrings(canonicalJson(a.type), canonicalJson(b.type)),
    );
    type = cloneJson((topKind === "object" ? byExports[0]! : byExports.find((t) => kindOf(t) === topKind)!).type);
    if (chosen.length > 1)
      why.push(
        `observed as ${[...chosen]
          .sort((a, b) => b.exports.size - a.exports.size || b.cards - a.cards || compareStrings(canonicalJson(a.type), canonicalJson(b.type)))
          .map((t) => `${isObject(t.type) ? "an object schema" : String(t.type)} (${t.exports.size} export(s))`)
          .join(", ")}`,
      );
  }
  return why.length > 0 ? { type, collection, why: why.join("; ") } : { type, collection };
}

/** The fields every schema has, with the same type (their own sub-schemas intersected the same way). */
function sharedSchema(schemas: readonly JsonObject[]): JsonObject | undefined {
  const [first, ...rest] = schemas;
  if (!first) return undefined;
  const out: JsonObject = {};
  for (const key of Object.keys(first)) {
    const field = first[key];
    if (!isObject(field)) continue;
    const others = rest.map((s) => s[key]);
    if (!others.every((o) => isObject(o) && o.collection === field.collection)) continue;
    const types = [field.type, ...others.map((o) => (o as JsonObject).type)];
    if (types.every((t) => isObject(t))) {
      const sub = sharedSchema(types as JsonObject[]);
      if (sub) defineKey(out, key, { ...cloneJson(field), type: sub });
    } else if (types.every((t) => canonicalJson(t) === canonicalJson(field.type))) defineKey(out, key, cloneJson(field));
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
