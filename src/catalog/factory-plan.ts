/**
 * Which typed factory stands for which catalog address, and under which names (no code generation here, so
 * the import code generator can point at factories without loading ts-morph):
 * - one factory per module:action, at its newest connector version;
 * - connectors are exported by key (`office365admin`), kernel modules under `kernel` (`kernel.control`);
 * - factory names are the camelCase action keys (connector-builder suffixes dropped unless that collides);
 * - type names `${Factory}Props` / `${Factory}Outputs`, avoiding the names a generated file imports.
 */
import { compareVersions, parseAddress } from "../shapes/address.js";
import { compareStrings } from "../util/compare.js";
import { factoryName, moduleBinding, pascalCase, uniqueNames } from "./naming.js";
import { cardShape, type CardShape } from "./shape.js";
import type { Catalog } from "./store.js";

/** Names a generated module file binds itself (imports and the table): module and type names avoid them. */
export const MODULE_SCOPE = ["defineCard", "FactoryMeta", "CommonCardProps", "ConnectorCardProps", "FlowRefLike", "InlineFlow", "Input", "OktaDate", "OktaFile", "OktaObject", "Table", "META"];

export interface PlannedFactory {
  shape: CardShape;
  /** Property name in the module object (`customApiAction`). */
  name: string;
  /** The factory's Props and Outputs interfaces (`CustomApiActionProps`, `CustomApiActionOutputs`). */
  propsType: string;
  outputsType: string;
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

/** The shape of the newest version of every module:action in the catalog, sorted by module then action. */
export function factoryShapes(catalog: Catalog): CardShape[] {
  const newest = new Map<string, { address: string; version: string }>();
  for (const address of catalog.addresses()) {
    const parsed = parseAddress(address);
    if (!parsed) continue;
    const id = `${parsed.kind}:${parsed.module}:${parsed.key}`;
    const current = newest.get(id);
    if (!current || compareVersions(parsed.version, current.version) > 0) newest.set(id, { address, version: parsed.version });
  }
  return [...newest.keys()].sort(compareStrings).map((id) => cardShape(catalog.variants(newest.get(id)!.address)));
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
  return shapes.map((shape, i) => ({ shape, name: names[i]!, propsType: `${typeNames[i]}Props`, outputsType: `${typeNames[i]}Outputs` }));
}

export interface FactoryRef {
  kind: "kernel" | "connector";
  /** The member path from `flocode/cards`: `["office365admin", "customApiAction"]`, `["kernel", "control", "if"]`. */
  path: string[];
  factory: PlannedFactory;
}

/** The typed factory of an address, when the address is the newest version of its module:action. */
export function factoryFor(plan: readonly PlannedModule[], address: string): FactoryRef | undefined {
  for (const m of plan) {
    const factory = m.factories.find((x) => x.shape.address === address);
    if (factory) return { kind: m.kind, path: m.kind === "kernel" ? ["kernel", m.module, factory.name] : [m.binding, factory.name], factory };
  }
  return undefined;
}
