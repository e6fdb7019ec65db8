/**
 * Which typed factory stands for which catalog address, and under which names (no code generation here, so
 * the import code generator can point at factories without loading ts-morph):
 * - one factory per module:action, at its newest connector version that knows at least half the fields of its
 *   richest version, with the variants of other versions that record option values that version was never seen with;
 * - connectors are exported by key (`office365admin`), kernel modules under `kernel` (`kernel.control`);
 * - factory names are the camelCase action keys (connector-builder suffixes dropped unless that collides);
 * - type names `${Factory}Props` / `${Factory}Outputs`, avoiding the names a generated file imports.
 */
import { compareVersions, parseAddress } from "../shapes/address.js";
import { compareStrings } from "../util/compare.js";
import { jsonEqual, type Json } from "../util/json.js";
import { optionValues } from "./entry.js";
import { factoryName, moduleBinding, pascalCase, uniqueNames } from "./naming.js";
import { cardShape, type CardShape } from "./shape.js";
import { residueRank, type Catalog } from "./store.js";

/** Names a generated module file binds itself (imports and the table): module and type names avoid them. */
export const MODULE_SCOPE = ["defineCard", "FactoryMeta", "CommonCardProps", "ConnectorCardProps", "FlowRefLike", "InlineFlow", "Input", "OktaDate", "OktaFile", "OktaObject", "Table", "META"];

export interface PlannedFactory {
  shape: CardShape;
  /** Property name in the module object (`customApiAction`). */
  name: string;
  /** The factory's Props and Outputs interfaces (`CustomApiActionProps`, `CustomApiActionOutputs`), and its event fields (`UserCreatedEvent`). */
  propsType: string;
  outputsType: string;
  eventType: string;
}

export interface PlannedModule {
  kind: "kernel" | "connector";
  /** Kernel module or connector key. */
  module: string;
  /** The exported const (`office365admin`; kernel modules: the key under `kernel`'s own binding). */
  binding: string;
  /** File path under `src/cards/`. */
  path: string;
  factories: PlannedFactory[];
}

/**
 * The version a factory stands for: the newest one whose contract knows at least half the fields (inputs and
 * outputs) of the card's richest version. A version seen once may show only the few fields its author chose
 * (Okta's Read User lets the user pick its outputs): its factory would lack the others.
 */
function factoryVersion(catalog: Catalog, addresses: readonly string[]): string {
  const fields = (a: string) => {
    const c = catalog.contract(a);
    return c ? c.inputs.length + c.outputs.length : 0;
  };
  const richest = Math.max(...addresses.map(fields));
  const newestFirst = [...addresses].sort((a, b) => compareVersions(parseAddress(b)!.version, parseAddress(a)!.version));
  return newestFirst.find((a) => 2 * fields(a) >= richest) ?? newestFirst[0]!;
}

/** The addresses of every module:action, by `kind:module:key`. */
function addressesByAction(catalog: Catalog): Map<string, string[]> {
  const byAction = new Map<string, string[]>();
  for (const address of catalog.addresses()) {
    const parsed = parseAddress(address);
    if (!parsed) continue;
    const id = `${parsed.kind}:${parsed.module}:${parsed.key}`;
    byAction.set(id, [...(byAction.get(id) ?? []), address]);
  }
  return byAction;
}

/** The shape of the factory version of every module:action in the catalog, sorted by module then action. */
export function factoryShapes(catalog: Catalog): CardShape[] {
  const byAction = addressesByAction(catalog);
  return [...byAction.keys()].sort(compareStrings).map((id) => {
    const address = factoryVersion(catalog, byAction.get(id)!);
    return cardShape(catalog.variants(address), catalog.contract(address)!);
  });
}

/**
 * Variants of other versions of a factory's card that record an option value (one of the option's choices) no
 * variant of the factory's version records: a factory call asking for that value is written on the first that
 * records it (Custom API Action GET where the factory's version was only seen with PATCH). Clean variants come
 * first, then those whose only residue is their entry indexes, then the others (`residueRank`), each newest
 * version first: a new card is not written on one author's oddity (Request indexes 0,0,1,2) when another
 * version shows the card's clean shape.
 */
export function alternateVariants(catalog: Catalog, shape: CardShape): Array<{ address: string; variant: string; options: Record<string, Json[]> }> {
  const parsed = parseAddress(shape.address);
  if (!parsed) return [];
  const choiceOptions = new Map(shape.inputs.filter((i) => i.option && i.choices).map((i) => [i.specKey, i.choices!.map((c) => c.value)]));
  const recorded = (key: string, value: Json) => shape.variants.some((v) => (v.options[key] ?? []).some((x) => jsonEqual(x, value)));
  const others = (addressesByAction(catalog).get(`${parsed.kind}:${parsed.module}:${parsed.key}`) ?? [])
    .filter((a) => a !== shape.address)
    .sort((a, b) => compareVersions(parseAddress(b)!.version, parseAddress(a)!.version));
  const out: Array<{ rank: number; address: string; variant: string; options: Record<string, Json[]> }> = [];
  for (const address of others) {
    for (const v of catalog.variants(address)) {
      const keys = Object.keys(v.options).filter((k) => choiceOptions.has(k));
      const adds = keys.some((k) => optionValues(v, k).some((x) => choiceOptions.get(k)!.some((c) => jsonEqual(c, x)) && !recorded(k, x)));
      if (adds)
        out.push({
          rank: residueRank(v),
          address,
          variant: v.variant,
          options: Object.fromEntries(keys.sort(compareStrings).map((k) => [k, optionValues(v, k)])),
        });
    }
  }
  // A stable sort: within a rank, newest version first as listed.
  return out.sort((a, b) => a.rank - b.rank).map(({ address, variant, options }) => ({ address, variant, options }));
}

/** Every module file to generate, connectors first, each with its factories. */
export function planFactories(catalog: Catalog): PlannedModule[] {
  const modules = new Map<string, CardShape[]>();
  for (const s of factoryShapes(catalog)) {
    const id = `${s.kind}:${s.module}`;
    const list = modules.get(id);
    if (list) list.push(s);
    else modules.set(id, [s]);
  }
  const ids = [...modules.keys()].sort(compareStrings);
  const kernelIds = ids.filter((id) => id.startsWith("kernel:")).map((id) => id.slice("kernel:".length));
  const connectorIds = ids.filter((id) => id.startsWith("connector:")).map((id) => id.slice("connector:".length));
  const connectorBindings = uniqueNames(connectorIds, moduleBinding, () => undefined, new Set(["kernel", "index", ...MODULE_SCOPE]));
  const kernelBindings = uniqueNames(kernelIds, moduleBinding, () => undefined, new Set(MODULE_SCOPE));
  return [
    ...connectorIds.map((module, i): PlannedModule => ({
      kind: "connector",
      module,
      binding: connectorBindings[i]!,
      path: `${connectorBindings[i]}.ts`,
      factories: planModule(modules.get(`connector:${module}`)!),
    })),
    ...kernelIds.map((module, i): PlannedModule => ({
      kind: "kernel",
      module,
      binding: kernelBindings[i]!,
      path: `kernel/${kernelBindings[i]}.ts`,
      factories: planModule(modules.get(`kernel:${module}`)!),
    })),
  ];
}

function planModule(shapes: CardShape[]): PlannedFactory[] {
  const names = uniqueNames(
    shapes,
    (s) => factoryName(s.action, true),
    (s) => factoryName(s.action, false),
  );
  // `${name}Props` must not be `CommonCardProps` / `ConnectorCardProps` (imported by every file).
  const typeNames = uniqueNames(names, (n) => pascalCase(n) || "Card", () => undefined, new Set(["CommonCard", "ConnectorCard"]));
  return shapes.map((shape, i) => ({
    shape,
    name: names[i]!,
    propsType: `${typeNames[i]}Props`,
    outputsType: `${typeNames[i]}Outputs`,
    eventType: `${typeNames[i]}Event`,
  }));
}

export interface FactoryRef {
  kind: "kernel" | "connector";
  /** The member path from `flocode/cards`: `["office365admin", "customApiAction"]`, `["kernel", "control", "if"]`. */
  path: string[];
  factory: PlannedFactory;
}

/** The typed factory of an address, when the address is its module:action's factory version. */
export function factoryFor(plan: readonly PlannedModule[], address: string): FactoryRef | undefined {
  for (const m of plan) {
    const factory = m.factories.find((x) => x.shape.address === address);
    if (factory) return { kind: m.kind, path: m.kind === "kernel" ? ["kernel", m.module, factory.name] : [m.binding, factory.name], factory };
  }
  return undefined;
}
