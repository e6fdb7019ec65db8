/**
 * Runs one function card the way the interpreter calls it: the card's inputs and outputs come from its catalog
 * template (group, key, type, option flag), so a function that reads an input by the wrong key or group fails
 * here. Values are given by key ("string1") or by "group.key" ("Fields.Login"); custom fields are added by the
 * case. The environment is virtual: a fixed clock, scripted randomness, seeded tables.
 */
import { Catalog } from "../../../src/catalog/index.js";
import { parseAddress } from "../../../src/shapes/address.js";
import type { CardCall, CardEnvironment, CardInput, CardOutput, CardResult, TableStore } from "../../../src/simulate/card-function.js";
import { functionCards } from "../../../src/simulate/functions/index.js";
import { createTableStore, type TableDefinition, type TableSeed } from "../../../src/simulate/tables.js";

export interface FieldSpec {
  readonly key: string;
  readonly group?: string | null;
  readonly type?: string;
  readonly collection?: boolean;
  readonly value?: unknown;
}

export interface RunSpec {
  /** Values of the card's own inputs, by key or "group.key". */
  readonly inputs?: Readonly<Record<string, unknown>>;
  /** Fields the author added (custom inputs), in order. */
  readonly custom?: readonly FieldSpec[];
  /** Outputs the author added (custom outputs). */
  readonly customOutputs?: readonly FieldSpec[];
  /** The card's outputs, instead of its catalog template's (Tables cards: the column fields a table gives them). */
  readonly outputs?: readonly FieldSpec[];
  /** Override an input's entry type (a card whose field type the author changed, e.g. Compare on text). */
  readonly types?: Readonly<Record<string, string>>;
  /** The virtual clock: ISO text or epoch milliseconds. Default 2024-01-15T12:00:00.000Z. */
  readonly now?: string | number;
  /** The values random() returns, in turn (then 0.5). */
  readonly random?: readonly number[];
  readonly tables?: { readonly definitions: readonly TableDefinition[]; readonly seed?: TableSeed };
}

export interface RunResult {
  readonly result: CardResult;
  /** Output values by key and by "group.key". */
  readonly out: Record<string, unknown>;
  readonly tables: TableStore;
  readonly call: CardCall;
}

export const DEFAULT_NOW = "2024-01-15T12:00:00.000Z";

/** Card shapes of types the built-in catalog lacks (seen only in ../shared/community), as those exports have them. */
const EXTRA_SHAPES: Readonly<Record<string, { inputs: FieldSpec[]; outputs: FieldSpec[] }>> = {
  "string:find": { inputs: [f("string"), f("substr")], outputs: [f("output", "number")] },
  "string:at": { inputs: [f("string"), f("index", "number")], outputs: [f("output")] },
  "string:toUpperCase": { inputs: [f("string")], outputs: [f("output")] },
  "date:iso": { inputs: [f("start", "Date")], outputs: [f("output")] },
  "list:concat": { inputs: [f("list1", "object", true), f("list2", "object", true)], outputs: [f("output", "object", true)] },
  "list:push": { inputs: [f("item", "object"), f("list", "object", true)], outputs: [f("list", "object", true)] },
  "list:difference": { inputs: [f("list1", "string", true), f("list2", "object", true)], outputs: [f("list", "object", true)] },
  "object:set": { inputs: [f("object", "object"), f("path"), f("value")], outputs: [f("output", "object")] },
  "list:groupBy": { inputs: [f("list", "object", true), f("path")], outputs: [f("groups", "object")] },
  "url:encode": { inputs: [f("data", "object")], outputs: [f("output")] },
  "url:decodeComponent": { inputs: [f("string")], outputs: [f("output")] },
  "crypto:hmac": { inputs: [f("algorithm"), f("key"), f("data"), f("digest")], outputs: [f("output")] },
  "math:floor": { inputs: [f("a", "number")], outputs: [f("output", "number")] },
  "boolean:not": { inputs: [f("a", "boolean")], outputs: [f("output", "boolean")] },
};

function f(key: string, type = "string", collection = false): FieldSpec {
  return { key, type, collection, group: null };
}

let addressesByType: Map<string, string> | undefined;

/** The catalog address of a card type: the newest connector version for Tables cards. */
function addressOf(type: string): string | undefined {
  if (!addressesByType) {
    addressesByType = new Map();
    for (const address of Catalog.builtin().addresses().sort()) {
      const a = parseAddress(address);
      if (a) addressesByType.set(a.moduleKey, address);
    }
  }
  return addressesByType.get(type);
}

interface Entry {
  group: string | null;
  key: string;
  value: { type: unknown; collection?: boolean; data?: unknown };
  flags?: string;
  metadata?: { custom?: boolean };
}

function shapeOf(type: string): { address: string; inputs: FieldSpec[]; outputs: FieldSpec[]; options: Set<string> } {
  const extra = EXTRA_SHAPES[type];
  const address = addressOf(type);
  if (!address) {
    if (!extra) throw new Error(`no catalog template and no shape for ${type}`);
    const [module, key] = type.split(":") as [string, string];
    return { address: `root:kernel:${module}:0.0.1:${key}`, inputs: extra.inputs, outputs: extra.outputs, options: new Set() };
  }
  const model = Catalog.builtin().get(address)!.template.node as unknown as {
    model: { inputs: { data: Record<string, Entry> }; outputs: { data: Record<string, Entry> } };
  };
  const read = (e: Entry): FieldSpec => ({
    key: e.key,
    group: e.group,
    type: typeof e.value.type === "string" ? e.value.type : "object",
    collection: e.value.collection === true,
  });
  const inputs = Object.values(model.model.inputs.data).filter((e) => e.metadata?.custom !== true);
  return {
    address,
    inputs: inputs.map(read),
    outputs: Object.values(model.model.outputs.data)
      .filter((e) => e.metadata?.custom !== true)
      .map(read),
    options: new Set(inputs.filter((e) => e.flags === "p").map((e) => `${e.group ?? ""}.${e.key}`)),
  };
}

/** The CardCall the interpreter would make for this card and these values. */
export function cardCall(type: string, spec: RunSpec = {}): { call: CardCall; tables: TableStore } {
  const shape = shapeOf(type);
  const given = { ...spec.inputs };
  const take = (field: FieldSpec): unknown => {
    for (const name of [`${field.group ?? ""}.${field.key}`, field.key]) {
      if (Object.hasOwn(given, name)) {
        const value = given[name];
        delete given[name];
        return value;
      }
    }
    return undefined;
  };
  const inputs: CardInput[] = shape.inputs.map((field) => ({
    group: field.group ?? null,
    key: field.key,
    type: spec.types?.[field.key] ?? field.type ?? "string",
    collection: field.collection ?? false,
    option: shape.options.has(`${field.group ?? ""}.${field.key}`),
    custom: false,
    value: take(field),
  }));
  const unknown = Object.keys(given);
  if (unknown.length > 0)
    throw new Error(
      `${type} has no input ${unknown.join(", ")} (inputs: ${shape.inputs.map((i) => (i.group ? `${i.group}.${i.key}` : i.key)).join(", ")})`,
    );
  for (const c of spec.custom ?? [])
    inputs.push({
      group: c.group ?? null,
      key: c.key,
      type: c.type ?? "string",
      collection: c.collection ?? false,
      option: false,
      custom: true,
      value: c.value,
    });
  const outputs: CardOutput[] = [
    ...(spec.outputs ?? shape.outputs).map((o) => ({
      group: o.group ?? null,
      key: o.key,
      type: o.type ?? "string",
      collection: o.collection ?? false,
      custom: false,
    })),
    ...(spec.customOutputs ?? []).map((o) => ({
      group: o.group ?? null,
      key: o.key,
      type: o.type ?? "string",
      collection: o.collection ?? false,
      custom: true,
    })),
  ];
  const tables = createTableStore(spec.tables?.definitions ?? [], spec.tables?.seed ?? {}, { now: Date.parse(DEFAULT_NOW) - 86_400_000 });
  const now = typeof spec.now === "number" ? spec.now : Date.parse(spec.now ?? DEFAULT_NOW);
  const randoms = [...(spec.random ?? [])];
  const env: CardEnvironment = { now: () => now, random: () => randoms.shift() ?? 0.5, tables };
  return { call: { address: shape.address, name: type, inputs, outputs, env }, tables };
}

/** Runs the card's function on the call. */
export function runCard(type: string, spec: RunSpec = {}): RunResult {
  const fn = functionCards.get(type);
  if (!fn) throw new Error(`the library has no function for ${type}`);
  const { call, tables } = cardCall(type, spec);
  const result = fn(call);
  if (result.length !== call.outputs.length) throw new Error(`${type} returned ${result.length} values for ${call.outputs.length} outputs`);
  const out: Record<string, unknown> = {};
  call.outputs.forEach((o, i) => {
    out[o.group ? `${o.group}.${o.key}` : o.key] = result[i];
    if (!Object.hasOwn(out, o.key)) out[o.key] = result[i];
  });
  return { result, out, tables, call };
}
