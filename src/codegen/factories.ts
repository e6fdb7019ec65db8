/**
 * The typed card factories of `flocode/cards` as codegen sees them: for each card address that has one (the
 * factory's version of each connector action, and the versions it writes for options only they were seen with),
 * the import path, the factory's metadata (props ↔ entry keys) and
 * the card's shape (which props are required, their Okta types). Read once per process from the factories
 * themselves, so generated code uses exactly what `flocode/cards` exports.
 */
import * as cards from "../cards/index.js";
import { factoryShapes } from "../catalog/factory-plan.js";
import type { CardShape, InputShape } from "../catalog/shape.js";
import { Catalog } from "../catalog/store.js";
import { factoryMetaOf, type FactoryMeta } from "../dsl/define-card.js";

export interface FactoryInfo {
  /** `["okta", "readUser"]`, `["kernel", "control", "if"]`: the first name is imported from "flocode/cards". */
  path: string[];
  meta: FactoryMeta;
  shape: CardShape;
  /** Shape inputs by prop. */
  inputs: Map<string, InputShape>;
}

let index: Map<string, FactoryInfo> | undefined;

export function factoryIndex(): Map<string, FactoryInfo> {
  if (index) return index;
  const shapes = new Map(factoryShapes(Catalog.builtin()).map((s) => [s.address, s]));
  const out = new Map<string, FactoryInfo>();
  const visit = (path: string[], ns: unknown): void => {
    if (typeof ns !== "object" || ns === null) return;
    for (const [name, factory] of Object.entries(ns)) {
      if (typeof factory !== "function") continue;
      let meta: FactoryMeta | undefined;
      try {
        meta = factoryMetaOf((factory as () => never)());
      } catch {
        continue;
      }
      const shape = meta ? shapes.get(meta.address) : undefined;
      if (!meta || !shape || out.has(meta.address)) continue;
      // The generated factories and the catalog must agree on every prop, else the factory is not used.
      const props = new Map(shape.inputs.map((i) => [i.prop, i]));
      if (meta.inputs.some(([prop, key]) => props.get(prop)?.specKey !== key)) continue;
      out.set(meta.address, { path: [...path, name], meta, shape, inputs: props });
    }
  };
  for (const [binding, ns] of Object.entries(cards)) {
    if (binding === "kernel") {
      for (const [mod, kns] of Object.entries(ns as Record<string, unknown>)) visit(["kernel", mod], kns);
    } else visit([binding], ns);
  }
  // Other versions a factory writes when its options ask for a value only they were seen with (META.alternates).
  for (const info of [...out.values()]) for (const [address] of info.meta.alternates ?? []) if (!out.has(address)) out.set(address, info);
  index = out;
  return out;
}

/** Identifiers "flocode/cards" exports (connector namespaces and `kernel`): reserved in generated files. */
export function cardNamespaces(): string[] {
  return Object.keys(cards);
}
