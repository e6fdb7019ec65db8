/**
 * A card contract: what a card type (one address) takes and gives, derived from every observation of it in real
 * exports (all variants), kept beside its templates in the catalog files. The typed factories are generated from
 * it, and new cards are made to it: a template value or type that disagrees with the contract is one export's
 * customisation, not the card's shape.
 *
 * - inputs: type (a type name or an object schema), list or not, whether the designer requires it, whether it is
 *   an option (gear dialog), its choices (`metadata.choices`, with labels), whether its values come from the
 *   service (`metadata.method`), its default (what a new card holds), its label;
 * - outputs: type with its object schema wherever the card's own shape has one;
 * - `seen` counts the cards a field was observed on when that is fewer than the card's own count (the field
 *   depends on an option, e.g. Custom API Action `Body` with POST);
 * - `why` says why the contract differs from some observations (one author's custom schema, ...).
 */
import type { Json, JsonObject } from "../util/json.js";
import { cloneJson, defineKey, isObject } from "../util/json.js";

export interface ContractChoice {
  value: Json;
  /** The label the designer shows, when it differs from the value. */
  label?: string;
}

export interface ContractField {
  group: string | null;
  key: string;
  /** `value.type`: a type name (`string`, `number`, `boolean`, `Date`, `object`, `file`, `flo`) or an object schema. */
  type: Json;
  collection: boolean;
  /** Other primitive types the field was seen with (the user switches it: If operands, Object Get's output). */
  also?: string[];
  /** `metadata.displayname`, when it says more than the key. */
  label?: string;
  /** Cards the field was seen on, when fewer than the card's count. */
  seen?: number;
  /** Why the contract differs from some observations. */
  why?: string;
}

export interface InputContract extends ContractField {
  /** An option of the card's gear dialog (`flags: "p"`). */
  option: boolean;
  /** The designer requires a value (`required: true` on every observation). */
  required: boolean;
  /** Not shown in the designer (`metadata.hidden`, `metadata.forceHide`). */
  hidden?: true;
  /** The allowed values (`metadata.choices`), in the designer's order. */
  choices?: ContractChoice[];
  /** The values come from the service at design time (`metadata.method`): `<channel>.<operation>`. */
  dynamic?: string;
  /** The option picks an Okta Table (`metadata.table`). */
  table?: true;
  /** What a new card holds when the flow does not set it (absent: the type's empty value). */
  default?: Json;
}

export interface CardContract {
  address: string;
  /** The card's name (`model.metadata.name`, the display name of a new card). */
  name: string;
  /** Observations: cards and distinct exports. */
  cards: number;
  exports: number;
  /** Whether the card takes a connection (connector cards, except the Tables cards: `config` is always null). */
  connection: boolean;
  inputs: InputContract[];
  outputs: ContractField[];
}

/** Key order of a contract as written to catalog files (optional members only when set). */
export function contractToJson(c: CardContract): JsonObject {
  return {
    address: c.address,
    name: c.name,
    cards: c.cards,
    exports: c.exports,
    connection: c.connection,
    inputs: c.inputs.map((i) => {
      const out = fieldToJson(i);
      out.option = i.option;
      out.required = i.required;
      if (i.hidden) out.hidden = true;
      if (i.choices) out.choices = i.choices.map((ch): JsonObject => (ch.label === undefined ? { value: ch.value } : { value: ch.value, label: ch.label }));
      if (i.dynamic !== undefined) out.dynamic = i.dynamic;
      if (i.table) out.table = true;
      if (i.default !== undefined) out.default = i.default;
      return withWhy(out, i);
    }),
    outputs: c.outputs.map((o) => withWhy(fieldToJson(o), o)),
  };
}

function fieldToJson(f: ContractField): JsonObject {
  const out: JsonObject = { group: f.group, key: f.key, type: f.type, collection: f.collection };
  if (f.also !== undefined) out.also = f.also;
  if (f.label !== undefined) out.label = f.label;
  if (f.seen !== undefined) out.seen = f.seen;
  return out;
}

function withWhy(out: JsonObject, f: ContractField): JsonObject {
  if (f.why !== undefined) out.why = f.why;
  return out;
}

/** Reads a contract from untrusted JSON: the contract, or an error and the JSON pointer suffix of the offending member. */
export function contractFromJson(value: unknown): { contract: CardContract } | { error: string; pointer: string } {
  if (!isObject(value)) return { error: "a contract must be an object", pointer: "" };
  for (const key of ["address", "name"] as const) {
    if (typeof value[key] !== "string") return { error: `${JSON.stringify(key)} must be a string`, pointer: `/${key}` };
  }
  for (const key of ["cards", "exports"] as const) {
    const n = value[key];
    if (typeof n !== "number" || !Number.isInteger(n) || n < 0) return { error: `${JSON.stringify(key)} must be a non-negative integer`, pointer: `/${key}` };
  }
  if (typeof value.connection !== "boolean") return { error: `"connection" must be a boolean`, pointer: "/connection" };
  const inputs: InputContract[] = [];
  const outputs: ContractField[] = [];
  for (const side of ["inputs", "outputs"] as const) {
    const list = value[side];
    if (!Array.isArray(list)) return { error: `${JSON.stringify(side)} must be an array`, pointer: `/${side}` };
    for (const [i, raw] of list.entries()) {
      const field = fieldFromJson(raw, side === "inputs");
      if ("error" in field) return { error: field.error, pointer: `/${side}/${i}${field.pointer}` };
      if (side === "inputs") inputs.push(field.field as InputContract);
      else outputs.push(field.field);
    }
  }
  return {
    contract: {
      address: value.address as string,
      name: value.name as string,
      cards: value.cards as number,
      exports: value.exports as number,
      connection: value.connection,
      inputs,
      outputs,
    },
  };
}

function fieldFromJson(raw: unknown, input: boolean): { field: ContractField | InputContract } | { error: string; pointer: string } {
  if (!isObject(raw)) return { error: "a contract field must be an object", pointer: "" };
  if (raw.group !== null && typeof raw.group !== "string") return { error: `"group" must be a string or null`, pointer: "/group" };
  if (typeof raw.key !== "string") return { error: `"key" must be a string`, pointer: "/key" };
  if (!(typeof raw.type === "string" || isObject(raw.type))) return { error: `"type" must be a type name or an object schema`, pointer: "/type" };
  if (typeof raw.collection !== "boolean") return { error: `"collection" must be a boolean`, pointer: "/collection" };
  const field: ContractField = { group: raw.group, key: raw.key, type: cloneJson(raw.type), collection: raw.collection };
  if (Array.isArray(raw.also) && raw.also.every((t) => typeof t === "string")) field.also = raw.also as string[];
  if (typeof raw.label === "string") field.label = raw.label;
  if (typeof raw.seen === "number") field.seen = raw.seen;
  if (typeof raw.why === "string") field.why = raw.why;
  if (!input) return { field };
  if (typeof raw.option !== "boolean") return { error: `"option" must be a boolean`, pointer: "/option" };
  if (typeof raw.required !== "boolean") return { error: `"required" must be a boolean`, pointer: "/required" };
  const out: InputContract = { ...field, option: raw.option, required: raw.required };
  if (raw.hidden === true) out.hidden = true;
  if (raw.table === true) out.table = true;
  if (typeof raw.dynamic === "string") out.dynamic = raw.dynamic;
  if ("default" in raw) out.default = cloneJson(raw.default!);
  if (raw.choices !== undefined) {
    if (!Array.isArray(raw.choices) || !raw.choices.every((c) => isObject(c) && "value" in c))
      return { error: `"choices" must be a list of { value, label? }`, pointer: "/choices" };
    out.choices = raw.choices.map((c) => {
      const ch = c as JsonObject;
      const choice: ContractChoice = { value: cloneJson(ch.value!) };
      if (typeof ch.label === "string") choice.label = ch.label;
      return choice;
    });
  }
  return { field: out };
}

/** The field of a contract side by group and key. */
export function contractField<F extends ContractField>(fields: readonly F[], group: string | null, key: string): F | undefined {
  return fields.find((f) => f.group === group && f.key === key);
}

/** The choice values of an input (empty when it offers no list). */
export function choiceValues(input: InputContract): Json[] {
  return (input.choices ?? []).map((c) => c.value);
}

/** `{ type, collection }` of a field, as a template entry's `value` has them. */
export function valueShapeOf(f: ContractField): JsonObject {
  const out: JsonObject = {};
  defineKey(out, "type", cloneJson(f.type));
  out.collection = f.collection;
  return out;
}
