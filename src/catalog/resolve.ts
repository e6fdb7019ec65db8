/**
 * Name resolution shared by the typed factories and the lowering pass: which input or output entry of an
 * address a name means. A name is, in order of preference, an entry key, a "group/key", or the camelCase
 * property name the generated factories use (`card.body` → output "Body" of group "Response").
 */
import { cardShape, type CardShape } from "./shape.js";
import type { Catalog } from "./store.js";

const shapes = new WeakMap<Catalog, { revision: number; byAddress: Map<string, CardShape | undefined> }>();

/** The factory shape of an address (all its variants), cached per catalog until the catalog changes. */
export function shapeOf(catalog: Catalog, address: string): CardShape | undefined {
  let cache = shapes.get(catalog);
  if (!cache || cache.revision !== catalog.revision) {
    cache = { revision: catalog.revision, byAddress: new Map() };
    shapes.set(catalog, cache);
  }
  if (!cache.byAddress.has(address)) {
    const variants = catalog.variants(address);
    cache.byAddress.set(address, variants.length === 0 ? undefined : cardShape(variants, catalog.contract(address)!));
  }
  return cache.byAddress.get(address);
}

export interface EntryName {
  group: string | null;
  key: string;
}

/** The output entry an output name means on an address, or undefined when nothing matches. */
export function resolveOutputName(catalog: Catalog, address: string, name: string): EntryName | undefined {
  const shape = shapeOf(catalog, address);
  return shape ? pick(shape.outputs, name) : undefined;
}

/** The input entry an input name means on an address (options included), or undefined. */
export function resolveInputName(catalog: Catalog, address: string, name: string): EntryName | undefined {
  const shape = shapeOf(catalog, address);
  return shape ? pick(shape.inputs, name) : undefined;
}

function pick(fields: ReadonlyArray<{ prop: string; group: string | null; key: string }>, name: string): EntryName | undefined {
  const byKey = fields.filter((f) => f.key === name);
  // A key used in two groups is ambiguous on its own: "group/key" or the property name must say which.
  const found =
    (byKey.length === 1 ? byKey[0] : undefined) ??
    fields.find((f) => `${f.group ?? ""}/${f.key}` === name) ??
    fields.find((f) => f.prop === name);
  return found ? { group: found.group, key: found.key } : undefined;
}
