/**
 * The card every typed factory of `flocode/cards` writes when a flow asks for nothing but what the factory
 * requires: one helper flow per factory, lowered and emitted in-process with the built-in catalog. The values
 * given to required props are plain ones of their type (the first choice, "x", 1, true, {}, a table, a flow).
 */
import * as cards from "../../src/cards/index.js";
import { factoryShapes } from "../../src/catalog/factory-plan.js";
import type { CardShape } from "../../src/catalog/shape.js";
import { Catalog } from "../../src/catalog/store.js";
import { emitPack } from "../../src/compile/emit.js";
import { lower } from "../../src/compile/lower.js";
import { factoryMetaOf } from "../../src/dsl/define-card.js";
import { connection, flow, flowNamed, helperFlow, manual, table } from "../../src/index.js";
import type { Json, JsonObject } from "../../src/ir/types.js";
import { forEachCard } from "../../src/catalog/walk.js";

export interface FactoryCard {
  /** `["okta", "readUser"]`, `["kernel", "control", "if"]`. */
  path: string[];
  /** The factory's address (the card may be another version's: see `card.address`). */
  address: string;
  shape: CardShape;
  /** The card the factory writes, or why it could not be built. */
  card?: JsonObject;
  error?: string;
}

type Factory = (props?: Record<string, unknown>) => unknown;

/** Every factory with its path. */
export function factories(): Array<{ path: string[]; factory: Factory }> {
  const out: Array<{ path: string[]; factory: Factory }> = [];
  const visit = (path: string[], ns: unknown) => {
    for (const [name, value] of Object.entries(ns as Record<string, unknown>))
      if (typeof value === "function") out.push({ path: [...path, name], factory: value as Factory });
  };
  for (const [binding, ns] of Object.entries(cards)) {
    if (binding === "kernel") for (const [mod, kns] of Object.entries(ns as Record<string, unknown>)) visit(["kernel", mod], kns);
    else visit([binding], ns);
  }
  return out;
}

/** A plain value of a required input (its first choice, else one of its type). */
export function plainValue(input: CardShape["inputs"][number]): unknown {
  if (input.table) return table("Audit", { columns: { Login: "string", Seen: "Date" } });
  if (input.choices && input.choices.length > 0) return input.choices[0]!.value;
  // Text where the input takes it among other types (the type most real cards give such inputs: If operands, memo).
  const t = input.types.find((x) => x.type === "string" && !x.collection) ?? input.types[0]!;
  if (t.type === "flo") return flowNamed("Helper");
  if (t.collection) return [];
  if (t.type === "file") return {};
  switch (typeof t.type === "string" ? t.type : "object") {
    case "number":
      return 1;
    case "boolean":
      return true;
    case "object":
      return {};
    default:
      return "x";
  }
}

export function factoryCards(catalog = Catalog.builtin()): FactoryCard[] {
  const shapes = new Map(factoryShapes(catalog).map((s) => [s.address, s]));
  return factories().map(({ path, factory }) => {
    const meta = factoryMetaOf(factory({}) as never)!;
    const shape = shapes.get(meta.address)!;
    return factoryCard(path, factory, shape, requiredProps(shape), catalog);
  });
}

/** The props a factory requires, with plain values (and the connection a connector card takes). */
export function requiredProps(shape: CardShape): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const input of shape.inputs) if (input.required) props[input.prop] = plainValue(input);
  if (shape.connection) props.connection = connection("Conn", shape.module);
  return props;
}

/** The card a factory writes given `props`, or why it could not be built. */
export function factoryCard(
  path: string[],
  factory: Factory,
  shape: CardShape,
  props: Record<string, unknown>,
  catalog = Catalog.builtin(),
): FactoryCard {
  const helper = flow({ name: "Helper", trigger: helperFlow() });
  const meta = factoryMetaOf(factory({}) as never)!;
  const out: FactoryCard = { path, address: meta.address, shape };
  try {
    const spec = factory(props);
    // A flow whose start card is not of the factory's address (a No-Op, or for the No-Op a Helper Flow).
    const trigger = path.join(".") === "kernel.control.noop" ? helperFlow() : manual();
    const main = flow({ name: "Main", trigger }, (f) => void f.add(spec as never));
    const ir = lower({ flows: [main, helper], defaultFolder: "factory-cards" }, catalog);
    const doc = emitPack(ir, { template: (a, v) => catalog.get(a, v)?.template }, { created: "2026-01-01T00:00:00.000Z" });
    const found: JsonObject[] = [];
    forEachCard(doc, ({ card, flowName }) => {
      if (flowName === "Main" && card.address === (spec as { address: string }).address) found.push(card);
    });
    if (found.length === 1) out.card = found[0];
    else out.error = `the flow holds ${found.length} cards of the address`;
  } catch (error) {
    out.error = error instanceof Error ? error.message : String(error);
  }
  return out;
}

/** `value.data` of an entry. */
export function dataOfEntry(e: JsonObject): Json | undefined {
  const v = e.value;
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as JsonObject).data : undefined;
}
