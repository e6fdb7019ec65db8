/**
 * Small flopacks for the lift tests, made here: with the DSL (lower + emit, in-process, the built-in catalog) for
 * the shapes flocode writes, and by hand (minimal JSON) for the shapes only exports have: dangling ids, stale
 * joins, patched models.
 */
import { Catalog } from "../../src/catalog/store.js";
import { templateOf } from "../../src/catalog/template.js";
import { emitPack } from "../../src/compile/emit.js";
import { lower } from "../../src/compile/lower.js";
import type { FlowDef, PackDef } from "../../src/index.js";
import type { IrCard, IrEntryRef, IrScope, Json, JsonObject } from "../../src/ir/types.js";
import type { FlowIndex, PackIndex } from "../../src/lift/context.js";
import type { TemplateSource } from "../../src/catalog/store.js";
import { entryRefs, sideEntries } from "../../src/shapes/entries.js";
import type { CardLiftContext } from "../../src/lift/lift-card.js";
import { liftPack, type LiftResult } from "../../src/lift/lift-pack.js";

const catalog = Catalog.builtin();
export const builtinTemplates: TemplateSource = { template: (address, variant) => catalog.get(address, variant)?.template };

/** The flopack `flocode build` writes for these flows (and pack). */
export function emitDsl(flows: FlowDef[], pack?: PackDef): JsonObject {
  const ir = lower({ flows, ...(pack ? { pack } : {}), defaultFolder: "lift-tests" }, catalog);
  return emitPack(ir, builtinTemplates, { created: "2026-01-01T00:00:00.000Z" });
}

/** Lifts with the built-in catalog's templates, the way import does. */
export function liftBuiltin(doc: JsonObject): LiftResult {
  return liftPack(doc, builtinTemplates);
}

/** Every card of a scope, its inline flows' cards included (inputs, outputs, error handler), depth first. */
export function allCards(scope: IrScope): IrCard[] {
  const out: IrCard[] = [];
  for (const card of scope.cards) {
    out.push(card);
    for (const v of [...card.inputValues, ...card.outputValues].map((x) => x.value))
      if (v.kind === "inline") out.push(...allCards(v.scope));
    for (const x of [...card.extraInputs, ...card.extraOutputs]) if (x.value.kind === "inline") out.push(...allCards(x.value.scope));
    if (card.policy.flo?.kind === "inline") out.push(...allCards(card.policy.flo.scope));
  }
  return out;
}

export function cardByRef(scope: IrScope, ref: string): IrCard {
  const card = allCards(scope).find((c) => c.ref === ref);
  if (!card)
    throw new Error(
      `no card ${ref}; cards: ${allCards(scope)
        .map((c) => c.ref)
        .join(", ")}`,
    );
  return card;
}

// ---- hand-made JSON ----

export interface EntrySpec {
  id: string;
  key: string;
  group?: string | null;
  type?: Json;
  data?: Json;
  metadata?: JsonObject;
  flags?: string;
}

export function entry(spec: EntrySpec): JsonObject {
  return {
    id: spec.id,
    group: spec.group ?? null,
    key: spec.key,
    value: { type: spec.type ?? "string", collection: false, data: spec.data ?? "" },
    ref: false,
    metadata: spec.metadata ?? {},
    required: false,
    flags: spec.flags ?? "d",
  };
}

export interface CardSpec {
  address?: string;
  inputs?: JsonObject[];
  outputs?: JsonObject[];
  pins?: JsonObject;
  branches?: JsonObject;
  joins?: JsonObject;
  config?: string | null;
  policy?: Json;
  /** More `node.model` keys. */
  model?: JsonObject;
}

export const LET = "root:kernel:control:0.0.1:let";

/** A card in the stored shape (FLOPACK.md §4), with only the keys lift reads. */
export function handCard(uuid: string, name: string, spec: CardSpec = {}): JsonObject {
  const side = (entries: JsonObject[] = []): JsonObject => ({
    extensible: true,
    data: Object.fromEntries(entries.map((e) => [String(e.id), e])),
  });
  const model: JsonObject = {
    type: "method",
    timeout: 30000,
    metadata: { id: null, name },
    config: spec.config ?? null,
    inputs: side(spec.inputs),
    outputs: side(spec.outputs),
    ...(spec.policy === undefined ? { policy: { error: { type: "finish" } } } : spec.policy === null ? {} : { policy: spec.policy }),
    ...spec.model,
  };
  return {
    joins: spec.joins ?? {},
    address: spec.address ?? LET,
    parents: { version: { address: "root:kernel:control:0.0.1", key: "0.0.1", data: { name: "0.0.1" } } },
    uuid,
    branches: spec.branches ?? {},
    node: { key: "let", data: { name }, model },
    pins: spec.pins ?? {},
  };
}

/** A flopack of hand-made flows (`data` keys of each flow: methods, orderings, and whatever else is given). */
export function handPack(parts: {
  flos?: JsonObject[];
  groups?: JsonObject[];
  tables?: JsonObject[];
  configs?: JsonObject[];
  projectOverview?: Json;
}): JsonObject {
  const byId = (items: JsonObject[] = []) => Object.fromEntries(items.map((x) => [String(x.id), x]));
  const data: JsonObject = { flos: byId(parts.flos), groups: byId(parts.groups), tables: byId(parts.tables), configs: byId(parts.configs) };
  if (parts.projectOverview !== undefined) data.projectOverview = parts.projectOverview;
  return { type: "flopack", version: "1.5.0", created: "2026-01-01T00:00:00.000Z", data };
}

export function handFlow(id: string, name: string, data: JsonObject): JsonObject {
  return { id, name, description: "", data: { id: null, uuid: id, methods: [], orderings: {}, log: true, group: null, ...data } };
}

/**
 * A lift context over hand-made cards: the given refs (uuid → ref), entry refs computed as lift-pack does, templates
 * from `templates` (by address, whatever the variant; none: the card is learned), `liftInline` recorded.
 */
export function handContext(
  cards: JsonObject[],
  refs: Record<string, string>,
  options: { templates?: Map<string, JsonObject>; pack?: Partial<PackIndex>; knownVariant?: (card: JsonObject) => string | undefined } = {},
): CardLiftContext & { learned: Array<{ address: string; variant: string; template: JsonObject }>; inlined: JsonObject[] } {
  const flow: FlowIndex = { cards: new Map(Object.entries(refs)), inputs: new Map(), outputs: new Map() };
  for (const card of cards) {
    const model = (card.node as JsonObject).model as JsonObject;
    for (const side of ["inputs", "outputs"] as const) {
      const entries = sideEntries(model, side);
      const entryRefsById = new Map<string, IrEntryRef>(entryRefs(entries).map((r, i) => [String(entries[i]!.id), r]));
      (side === "inputs" ? flow.inputs : flow.outputs).set(String(card.uuid), entryRefsById);
    }
  }
  const pack: PackIndex = { flows: new Map(), folders: new Map(), tables: new Map(), connections: new Map(), ...options.pack };
  const learned: Array<{ address: string; variant: string; template: JsonObject }> = [];
  const inlined: JsonObject[] = [];
  const templates = options.templates ?? new Map<string, JsonObject>();
  return {
    pack,
    flow,
    templates: { template: (address) => templates.get(address), ...(options.knownVariant ? { knownVariant: options.knownVariant } : {}) },
    learn: (address, variant, template) => learned.push({ address, variant, template }),
    liftInline: (scope) => {
      inlined.push(scope);
      return { cards: [], orderings: [], inline: { lifted: inlined.length } };
    },
    learned,
    inlined,
  };
}

/** The template a catalog would hold for this card: what lift compares the card with. */
export function templateFor(card: JsonObject): JsonObject {
  return templateOf(structuredClone(card));
}
