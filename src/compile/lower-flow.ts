/**
 * Lowering of one flow: each recorded scope (the body, inline flows) card by card onto catalog templates,
 * then its wires (refs, explicit pins, Join links), orderings and If/Else branches.
 */
import type { CatalogEntry } from "../catalog/entry.js";
import type { IrCard, IrDataId, IrEntryRef, IrExtraEntry, IrLink, IrScope, IrValue, Json, JsonObject } from "../ir/types.js";
import { cloneJson, isObject, jsonEqual } from "../util/json.js";
import { slug, UniqueNames } from "../util/names.js";
import { shortId } from "../util/ids.js";
import { FlowBuilder, type RecordedNode, type Recording } from "../dsl/builder.js";
import { DslError } from "../dsl/errors.js";
import { isRef } from "../dsl/handle.js";
import { isConverted, isInline, isVerbatim } from "../dsl/inline.js";
import { factoryMetaOf } from "../dsl/define-card.js";
import type { CallSite, Card, CardSpec, Connection, CustomField, FlowDef, FlowRefLike, InlineFlow, Ref, Table } from "../dsl/types.js";
import { isTableFilter } from "../dsl/where.js";
import { idTarget } from "../dsl/ids.js";
import { actionKey, connectorOf, isConnectorCard } from "../shapes/address.js";
import { conversion, describeType, type ValueType } from "../shapes/conversion.js";
import { customEntry, joinValueEntries, MIRRORED_ACTIONS, type FieldSettings } from "../shapes/custom-entry.js";
import { dataOf, defaultData, entryRefKey, entryRefs, findEntry, isEmpty, modelOf, normName, sideEntries, typeOf } from "../shapes/entries.js";
import { expandRefBase } from "../shapes/expand.js";
import { applyShapeChanges, usualInlineShape, type InlineShapeChanges } from "../shapes/inline-flow.js";
import { ASYNC_EACH_ADDRESS, CALLABLE_ADDRESS, EVENT_WRAPPER_NAME, NOOP_ADDRESS, TABLES_CONNECTOR } from "../shapes/known-cards.js";
import { emptyColumnEntry, isTableColumnType, TABLE_COLUMN_SIDES } from "../shapes/tables.js";
import { WORMHOLE_GROUP, wormholeEndOf, wormholeEntry, type WormholeEnd } from "../shapes/wormhole.js";
import { fieldSettings } from "./field-settings.js";
import { lowerTableFilter, type FilterContext } from "./table-filter.js";
import { extractIds } from "./extract-ids.js";
import { expandEdges, expandNameSource, expandSpec } from "./lower-expand.js";
import type { TemplateQuery } from "./lower.js";
import { describeJs, policyOf, toJson } from "./lower-values.js";

export interface PackContext {
  template(address: string, opts: TemplateQuery, site: CallSite | undefined): CatalogEntry;
  candidates(address: string, opts: TemplateQuery, site: CallSite | undefined): CatalogEntry[];
  flowRef(f: FlowRefLike, site: CallSite | undefined): string;
  tableRef(t: Table): string;
  connectionRef(c: Connection, site: CallSite | undefined): string;
  flowOfOwner(owner: object): FlowDef | undefined;
}

interface PendingPin {
  source: Ref;
  target: IrCard;
  input: IrEntryRef;
  inputType: ValueType;
  transform?: { convert: string; forceWrapArray: boolean } | null;
  site: CallSite | undefined;
  what: string;
}

interface InlineContext {
  recording: Recording;
  /** The card that holds the inline flow (If Error, For Each - Ignore Errors, ...). */
  owner: LoweredCard;
  /** The pending pins of the owner's scope (wormhole entrances are wired there). */
  outerPending: PendingPin[];
  outerScope: Recording | undefined;
  /** Wormholes made so far, by source output: the inner root's output that carries the value. */
  wormholes: Map<string, { ref: IrEntryRef; type: ValueType }>;
}

interface LoweredCard {
  card: IrCard;
  node: RecordedNode;
  /** Inputs the flow file set explicitly (an explicit empty value satisfies a required input). */
  given: Set<string>;
  inputs: Array<{ ref: IrEntryRef; entry: JsonObject }>;
  outputs: Array<{ ref: IrEntryRef; type: ValueType }>;
}

export class FlowLowering {
  private readonly names = new UniqueNames();
  private readonly lowered = new Map<RecordedNode, LoweredCard>();
  private readonly deferred: Array<() => void> = [];
  private pending: PendingPin[] = [];
  private scope: Recording | undefined;
  private readonly byCard = new Map<IrCard, LoweredCard>();
  /** The inline flows being lowered, innermost last: where outer values must come in through wormholes. */
  private readonly inlineStack: InlineContext[] = [];

  constructor(
    private readonly pack: PackContext,
    private readonly flowToken: object,
    private readonly flowName: string,
    private readonly eventCard?: CardSpec<unknown>,
    /** Event flows: the root of the body, a callable named after the event. */
    private readonly eventRoot?: RecordedNode,
  ) {}

  /** Lowers the flow's top-level scope (and, through values, its inline flows); resolves links at the end. */
  lowerBody(recording: Recording): IrScope {
    const scope = this.lowerScope(recording);
    for (const f of this.deferred) f();
    return scope;
  }

  private lowerScope(recording: Recording): IrScope {
    const outerPending = this.pending;
    const outerScope = this.scope;
    this.pending = [];
    this.scope = recording;
    try {
      const cards = recording.nodes.map((node) => this.lowerNode(node).card);
      for (const pin of this.pending) this.wire(pin);
      for (const pin of recording.pins) this.wireExplicit(pin);
      const orderings = [...recording.edges, ...expandEdges(recording)].map(([a, b]): [string, string] => [this.lowered.get(a)!.card.ref, this.lowered.get(b)!.card.ref]);
      for (const node of recording.nodes) {
        if (node.branches) this.lowered.get(node)!.card.branches = node.branches.map((b) => ({ head: this.lowered.get(b.head)!.card.ref, value: b.value }));
      }
      this.checkRequired(recording);
      return { cards, orderings };
    } finally {
      this.pending = outerPending;
      this.scope = outerScope;
    }
  }

  lowerInline(inlineFlow: InlineFlow, owner?: LoweredCard): IrScope {
    const recording: Recording = { flow: this.flowToken, nodes: [], edges: [], pins: [] };
    const root: RecordedNode = { kind: "cardNode", spec: inlineFlow.root, owner: this.flowToken, scope: recording, index: 0, role: { kind: "root" } };
    recording.nodes.push(root);
    if (inlineFlow.body) {
      try {
        (inlineFlow.body as (g: FlowBuilder) => void)(new FlowBuilder(recording, root));
      } catch (error) {
        if (error instanceof Error && error.name === "DslError") throw error;
        throw new DslError(`inline flow: ${error instanceof Error ? error.message : String(error)}`, inlineFlow.site);
      }
    }
    if (owner) this.inlineStack.push({ recording, owner, outerPending: this.pending, outerScope: this.scope, wormholes: new Map() });
    let scope: IrScope;
    try {
      scope = this.lowerScope(recording);
    } finally {
      if (owner) this.inlineStack.pop();
    }
    scope.inline = applyShapeChanges(usualInlineShape(), inlineFlow.shape, (v, k) => toJson(v, `inline flow key ${JSON.stringify(k)}`, inlineFlow.site));
    return scope;
  }

  /** Okta event flows: [event card → For Each - Ignore Errors] with the body as the For Each's inline flow. */
  eventWrapper(eventSpec: CardSpec<unknown>, body: IrScope, site: CallSite | undefined, options: { wrapperVariant?: string; inline?: InlineShapeChanges } = {}): IrScope {
    const wrapperVariant = options.wrapperVariant;
    const event = this.cardFrom(this.pack.template(eventSpec.address, { variant: eventSpec.variant, options: eventSpec.options as Record<string, Json> }, eventSpec.site), eventSpec, undefined, { kind: "card" });
    const wrapperSpec: CardSpec<unknown> = { kind: "card", address: ASYNC_EACH_ADDRESS, site };
    const wrapper = this.cardFrom(this.pack.template(ASYNC_EACH_ADDRESS, wrapperVariant !== undefined ? { variant: wrapperVariant } : {}, site), wrapperSpec, EVENT_WRAPPER_NAME, { kind: "card" });
    const find = (key: string): IrEntryRef => {
      const i = wrapper.inputs.findIndex((e) => e.ref.key === key);
      if (i < 0) throw new DslError(`the catalog's For Each - Ignore Errors card has no ${key} input`, site);
      return wrapper.inputs[i]!.ref;
    };
    const root = body.cards[0]!;
    const connector = connectorOf(eventSpec.address) ?? "okta";
    // The usual shape with the given changes; the root's alias (under the ref lower gave the root) comes first.
    const shape = applyShapeChanges(usualInlineShape(), options.inline, (v, k) => toJson(v, `event() inline key ${JSON.stringify(k)}`, site));
    const display = isObject(shape.display) ? shape.display : (shape.display = {});
    display.aliases = { [root.ref]: connector, ...(isObject(display.aliases) ? display.aliases : {}) };
    body.inline = shape;
    wrapper.card.inputValues.push({ entry: find("flo"), value: { kind: "inline", scope: body } }, { entry: find("concurrency"), value: { kind: "json", data: 1 } });
    const collection = event.outputs.find((o) => o.ref.key === "collection");
    if (!collection) throw new DslError(`${eventSpec.address} is not a list event card (it has no "collection" output)`, eventSpec.site ?? site);
    event.card.pins.push({ output: collection.ref, target: wrapper.card.ref, input: find("list"), transform: null });
    return { cards: [event.card, wrapper.card], orderings: [[event.card.ref, wrapper.card.ref]] };
  }

  private lowerNode(node: RecordedNode): LoweredCard {
    const spec = node.spec;
    const site = spec.site;
    if (!spec || spec.kind !== "card" || typeof spec.address !== "string") throw new DslError("not a card", site);
    if (node.role.kind === "expand") return this.lowerExpand(node, node.role);
    let rootName: string | undefined;
    if (this.eventCard && node === this.eventRoot) {
      rootName = this.pack.template(this.eventCard.address, { variant: this.eventCard.variant, options: this.eventCard.options as Record<string, Json> }, this.eventCard.site).name;
    }
    const candidates = this.pack.candidates(
      spec.address,
      {
        variant: spec.variant,
        options: spec.options as Record<string, Json> | undefined,
        name: rootName ?? (spec.address === CALLABLE_ADDRESS ? spec.name : undefined),
        displayed: spec.address === NOOP_ADDRESS && spec.variant === undefined ? node.role.kind !== "branchHead" : undefined,
      },
      site,
    );
    const entry = candidates.length === 1 ? candidates[0]! : this.bestFit(candidates, spec);
    const lowered = this.cardFrom(entry, spec, rootName, node.role, node);
    if (node.role.kind === "join") this.lowerJoin(node, lowered);
    return lowered;
  }

  /** `f.expand(output, fields)`: the hidden Object Expand card Okta writes for it (src/compile/lower-expand.ts). */
  private lowerExpand(node: RecordedNode, role: Extract<RecordedNode["role"], { kind: "expand" }>): LoweredCard {
    const site = node.spec.site;
    const from = this.sourceOf(role.source, "f.expand()", site);
    const out = findOutputOf(from, role.source.output);
    if (!out || out === "ambiguous") throw new DslError(`f.expand(): card ${JSON.stringify(from.card.name)} has no single output ${JSON.stringify(role.source.output)}`, site);
    const what = `output ${JSON.stringify(out.ref.key)} of card ${JSON.stringify(from.card.name)}`;
    const spec = expandSpec(role, from.node, role.source.output, out.type, what, site);
    // Its ref is built from what it reads, as lift builds it (inline flows' `display.aliases` name cards by ref).
    const name = expandRefBase(out.ref.key, role.fields.map((x) => x.path));
    return this.cardFrom(this.pack.template(spec.address, {}, site), spec, name, node.role, node);
  }

  /**
   * Among variants of a card that differ in input types (e.g. Stringify of an object or of a list), the one whose
   * inputs take the wired outputs as they are, without conversion; ties keep the catalog's order.
   */
  private bestFit(candidates: CatalogEntry[], spec: CardSpec<unknown>): CatalogEntry {
    const wired = Object.entries(spec.inputs ?? {}).filter(([, v]) => isRef(v) || isConverted(v));
    if (wired.length === 0) return candidates[0]!;
    let best = candidates[0]!;
    let bestScore = -1;
    for (const c of candidates) {
      const inputs = sideEntries(modelOf(c.template), "inputs");
      let score = 0;
      for (const [key, value] of wired) {
        const ref = isConverted(value) ? value.ref : (value as Ref);
        const i = findEntry(inputs, key);
        const from = this.lowered.get(ref.node as RecordedNode);
        const out = from ? findOutputOf(from, ref.output) : undefined;
        if (i < 0 || !out || out === "ambiguous") continue;
        if (conversion(out.type, typeOf(inputs[i]!)) === null) score++;
      }
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    return best;
  }

  private cardFrom(entry: CatalogEntry, spec: CardSpec<unknown>, forcedName: string | undefined, role: RecordedNode["role"], node?: RecordedNode): LoweredCard {
    const site = spec.site;
    const name = forcedName ?? spec.name ?? entry.name;
    if (typeof name !== "string") throw new DslError(`card ${spec.address}: the name must be a string`, site);
    const label = `card ${JSON.stringify(name)}`;
    const model = modelOf(entry.template);
    const action = actionKey(spec.address);
    const card: IrCard = {
      ref: this.names.take(slug(name, "card")),
      address: spec.address,
      variant: entry.variant,
      name,
      connection: null,
      inputValues: [],
      outputValues: [],
      extraInputs: [],
      extraOutputs: [],
      removedInputs: [],
      removedOutputs: [],
      policy: { error: { type: "finish" } },
      pins: [],
      branches: [],
      joins: [],
      modelPatch: {},
      removedModelKeys: [],
      methodPatch: {},
    };
    if (spec.connection) {
      const connector = connectorOf(spec.address);
      if (connector === undefined) throw new DslError(`${label} is a function card and takes no connection`, site);
      if (spec.connection.connector !== connector) {
        throw new DslError(`connection ${JSON.stringify(spec.connection.name)} is a ${spec.connection.connector} connection, but ${label} needs ${connector}`, site);
      }
      card.connection = { ref: this.pack.connectionRef(spec.connection, site) };
    }
    if (spec.configRef !== undefined) {
      card.configRef = typeof spec.configRef === "string" ? { dangling: spec.configRef } : { ref: this.pack.connectionRef(spec.configRef, site) };
    }
    if (spec.comments !== undefined && !jsonEqual(spec.comments, model.comments)) card.comments = cloneJson(spec.comments);
    for (const [k, v] of Object.entries(spec.patch ?? {})) if (k !== "__proto__") card.modelPatch[k] = cloneJson(v as Json);
    for (const k of spec.removeModelKeys ?? []) card.removedModelKeys.push(k);
    for (const [k, v] of Object.entries(spec.methodPatch ?? {})) if (k !== "__proto__") card.methodPatch[k] = cloneJson(v as Json);
    const nameSource = expandNameSource(spec);
    if (nameSource) {
      this.deferred.push(() => {
        const l = this.cardLink(nameSource, site);
        if ("ref" in l) card.nameOf = l.ref;
      });
    }

    const columns = tableColumnFields(spec, action);
    const inputs = this.side(card, model, "inputs", spec.removeInputs, action, [...(spec.customInputs ?? []), ...columns.inputs], site, label);
    const customOut = [...(spec.customOutputs ?? (MIRRORED_ACTIONS.has(action) ? (spec.customInputs ?? []).map(mirrorField) : [])), ...columns.outputs];
    const outputs = this.side(card, model, "outputs", spec.removeOutputs, action, customOut, site, label);
    const lowered: LoweredCard = {
      card,
      node: node ?? ({ kind: "cardNode", spec, owner: this.flowToken, scope: this.scope!, index: -1, role } as RecordedNode),
      given: new Set(),
      inputs: inputs.map((x) => ({ ref: x.ref, entry: x.entry })),
      outputs: outputs.map((x) => ({ ref: x.ref, type: typeOf(x.entry) })),
    };
    if (node) this.lowered.set(node, lowered);
    this.byCard.set(card, lowered);
    card.policy = policyOf(spec.policy, (f) => this.pack.flowRef(f, site), (i) => this.lowerInline(i, lowered), card.ref, site);

    const given: Array<[string, unknown, boolean]> = [
      ...Object.entries(spec.options ?? {}).map(([k, v]): [string, unknown, boolean] => [k, v, true]),
      ...Object.entries(spec.inputs ?? {}).map(([k, v]): [string, unknown, boolean] => [k, v, false]),
    ];
    const templateInputs = inputs.filter((x) => !x.extra);
    const columnInputs = inputs.filter((x) => x.extra && x.field && columns.inputs.includes(x.field));
    for (const [key, value, isOption] of given) {
      if (value === undefined) continue;
      const i = findEntry(templateInputs.map((x) => x.entry), key);
      const column = i < 0 && !isOption ? columnInputs.find((x) => x.entry.key === key) : undefined;
      if (column) {
        const what = `column ${JSON.stringify(key)} of ${label}`;
        lowered.given.add(entryRefKey(column.ref));
        const v = this.inputValue(card, column.ref, typeOf(column.entry), value, what, site);
        if (v) column.extra!.value = v;
        continue;
      }
      if (i < 0) {
        const available = templateInputs.map((x) => JSON.stringify(x.entry.key)).join(", ") || "none";
        throw new DslError(`${label} (${spec.address}) has no ${isOption ? "option" : "input"} ${JSON.stringify(key)}; its inputs: ${available}`, site);
      }
      const x = templateInputs[i]!;
      lowered.given.add(entryRefKey(x.ref));
      const what = `${isOption ? "option" : "input"} ${JSON.stringify(x.entry.key)} of ${label}`;
      const v = this.inputValue(card, x.ref, typeOf(x.entry), value, what, site);
      if (v && !(v.kind === "json" && jsonEqual(v.data, dataOf(x.entry)))) card.inputValues.push({ entry: x.ref, value: v });
    }
    inputs.forEach((x) => {
      if (!x.extra || !x.field) return;
      const f = x.field;
      const what = `field ${JSON.stringify(f.key)} of ${label}`;
      if (f.value !== undefined) {
        const v = this.inputValue(card, x.ref, { type: f.type as ValueType["type"], collection: f.collection ?? false }, f.value, what, site);
        if (v) x.extra.value = v;
      }
      this.linkExtra(x.extra, f, site);
    });
    const templateOutputs = outputs.filter((x) => !x.extra);
    for (const [key, value] of Object.entries(spec.outputs ?? {})) {
      const i = findEntry(templateOutputs.map((x) => x.entry), key);
      if (i < 0) throw new DslError(`${label} has no output ${JSON.stringify(key)}`, site);
      const v = this.inputValue(card, templateOutputs[i]!.ref, typeOf(templateOutputs[i]!.entry), value, `output ${JSON.stringify(key)} of ${label}`, site, true);
      if (v) card.outputValues.push({ entry: templateOutputs[i]!.ref, value: v });
    }
    outputs.forEach((x) => {
      if (x.extra && x.field) {
        if (x.field.value !== undefined && !isRef(x.field.value)) {
          const v = this.inputValue(card, x.ref, { type: x.field.type as ValueType["type"], collection: x.field.collection ?? false }, x.field.value, `output field ${JSON.stringify(x.field.key)} of ${label}`, site, true);
          if (v) x.extra.value = v;
        }
        this.linkExtra(x.extra, x.field, site);
      }
    });
    for (const j of spec.joins ?? []) {
      const ii = findEntry(inputs.map((x) => x.entry), j.input);
      if (ii < 0) throw new DslError(`${label}: join input ${JSON.stringify(j.input)} does not exist`, site);
      card.joins.push({
        input: inputs[ii]!.ref,
        links: j.outputs.map((o) => {
          const key = typeof o === "string" ? o : o.output;
          const oi = findEntry(outputs.map((x) => x.entry), key);
          if (oi < 0) throw new DslError(`${label}: join output ${JSON.stringify(key)} does not exist`, site);
          const t = typeof o === "string" || o.convert === null ? null : { convert: o.convert, forceWrapArray: o.forceWrapArray ?? false };
          return { output: outputs[oi]!.ref, transform: t };
        }),
      });
    }
    return lowered;
  }

  /** One side of a card: the template's entries (minus removed ones) and the custom ones, named as emit names them. */
  private side(card: IrCard, model: JsonObject, side: "inputs" | "outputs", remove: readonly string[] | undefined, action: string, fields: readonly CustomField[], site: CallSite | undefined, label: string) {
    const tEntries = sideEntries(model, side);
    const tRefs = entryRefs(tEntries);
    const removed = new Set<number>();
    for (const key of remove ?? []) {
      const i = findEntry(tEntries, key);
      if (i < 0) throw new DslError(`${label}: cannot remove ${side.slice(0, -1)} ${JSON.stringify(key)}: the card has none`, site);
      removed.add(i);
      (side === "inputs" ? card.removedInputs : card.removedOutputs).push(tRefs[i]!);
    }
    const kept = tEntries.filter((_, i) => !removed.has(i));
    const extras = fields.map((f, j) => this.customExtra(action, side, f, kept.length + j, site, label));
    for (const x of extras) (side === "inputs" ? card.extraInputs : card.extraOutputs).push(x);
    const all = [...kept, ...extras.map((x) => x.entry)];
    const refs = entryRefs(all);
    return all.map((entry, i) => ({
      entry: i < kept.length ? entry : withValueData(extras[i - kept.length]!),
      ref: refs[i]!,
      extra: i < kept.length ? undefined : extras[i - kept.length],
      field: i < kept.length ? undefined : fields[i - kept.length],
    }));
  }

  private customExtra(action: string, side: "inputs" | "outputs", c: CustomField, index: number, site: CallSite | undefined, label: string): IrExtraEntry {
    if (!c || typeof c.key !== "string") throw new DslError(`${label}: custom fields need a key`, site);
    let entry: JsonObject;
    const wormholeEnd = c.group === WORMHOLE_GROUP && c.wormhole !== undefined ? wormholeEndOf(action, side) : undefined;
    if (c.raw) {
      entry = cloneJson(toJson(c.raw, `field ${JSON.stringify(c.key)} of ${label}`, site) as JsonObject);
    } else if (wormholeEnd) {
      // A wormhole end written out (import does, where automatic wormholes would not give the same pairs).
      entry = wormholeEntry(wormholeEnd, c.key, c.type as string | JsonObject, c.collection ?? false);
      if (c.refFlag === true) entry.ref = true;
    } else {
      const collection = c.collection ?? false;
      entry = customEntry(action, side, {
        group: c.group ?? null,
        key: c.key,
        type: c.type as string | JsonObject,
        collection,
        data: collection ? [] : defaultData(c.type),
        index,
        ...(typeof c.displayName === "string" ? { displayName: c.displayName } : {}),
        ...(typeof c.description === "string" ? { description: c.description } : {}),
        ...(c.fromItem !== undefined ? { fromItem: c.fromItem } : {}),
        ...withSettings(fieldSettings(c, `field ${JSON.stringify(c.key)} of ${label}`, site)),
      });
    }
    const data = isObject(entry.value) && "data" in entry.value ? entry.value.data! : null;
    if (isObject(entry.value)) entry.value.data = null;
    return { entry, value: { kind: "json", data: cloneJson(data) } };
  }

  private linkExtra(extra: IrExtraEntry, f: CustomField, site: CallSite | undefined): void {
    if (!f.wormhole && !f.source && !f.method && !f.keyOf) return;
    this.deferred.push(() => {
      const links: NonNullable<IrExtraEntry["links"]> = {};
      if (f.method) links.method = this.cardLink(typeof f.method === "function" ? (f.method as () => Card<unknown>)() : f.method, site);
      if (f.keyOf) {
        const r = this.resolveOutput(typeof f.keyOf === "function" ? (f.keyOf as () => Ref)() : f.keyOf, `field ${JSON.stringify(f.key)}`, site);
        links.keyOf = { card: r.card, entry: r.output };
      }
      if (f.wormhole) links.wormholeMethodId = this.cardLink(f.wormhole, site);
      if (f.source) {
        links.srcMethodId = this.cardLink(f.source.card, site);
        const out = f.source.output;
        if (out !== undefined) {
          if (typeof out !== "string") links.srcOutputId = { dangling: out.dangling };
          else {
            const card = f.source.card as { $node?: RecordedNode };
            const lowered = card.$node ? this.lowered.get(card.$node) : undefined;
            const o = lowered ? findOutputOf(lowered, out) : undefined;
            if (!lowered || !o || o === "ambiguous") throw new DslError(`source output ${JSON.stringify(out)} not found`, site);
            links.srcOutputId = { card: lowered.card.ref, entry: o.ref };
          }
        }
      }
      extra.links = links;
    });
  }

  private cardLink(c: Card<unknown> | { readonly dangling: string }, site: CallSite | undefined): IrLink {
    if ("dangling" in c && typeof (c as { dangling?: unknown }).dangling === "string" && !("$node" in c)) return { dangling: (c as { dangling: string }).dangling };
    const node = (c as Card<unknown>).$node as RecordedNode | undefined;
    const lowered = node ? this.lowered.get(node) : undefined;
    if (!lowered) throw new DslError("a wormhole or source link points to a card that is not placed in this flow", site);
    return { ref: lowered.card.ref };
  }

  /** The IR value of a constant or the pending pin of a ref; undefined when the value is wired. */
  private inputValue(card: IrCard, entry: IrEntryRef, type: ValueType, value: unknown, what: string, site: CallSite | undefined, isOutput = false): IrValue | undefined {
    if (isRef(value) || isConverted(value)) {
      if (isOutput) throw new DslError(`${what}: outputs cannot be wired`, site);
      const ref = isConverted(value) ? value.ref : value;
      const transform = isConverted(value) ? (value.convert === null ? null : { convert: value.convert, forceWrapArray: value.forceWrapArray }) : undefined;
      this.pending.push({ source: ref, target: card, input: entry, inputType: type, transform, site, what });
      return undefined;
    }
    if (isInline(value)) return { kind: "inline", scope: this.lowerInline(value, this.byCard.get(card)) };
    if (isVerbatim(value)) return this.withIds(value.data, (v) => toJson(v, what, site), what, site);
    if (isTableFilter(value)) return lowerTableFilter(card, value, what, value.site ?? site, this.filterContext(card, what, site));
    const kind = typeof value === "object" && value !== null ? (value as { kind?: unknown }).kind : undefined;
    if (kind === "flow" || kind === "flowName") return { kind: "flow", flow: this.pack.flowRef(value as FlowRefLike, site) };
    if (kind === "table") return { kind: "table", table: this.pack.tableRef(value as Table) };
    return this.withIds(value, (v) => checkConstant(type, v, what, site), what, site);
  }

  /** A constant whose data may hold `idOf(...)` markers: the markers become ids resolved once the flow is lowered. */
  private withIds(value: unknown, toData: (v: unknown) => Json, what: string, site: CallSite | undefined): IrValue {
    const found = extractIds(value);
    if (found.markers.length === 0) return { kind: "json", data: toData(value) };
    const ids: IrDataId[] = found.markers.map((m) => ({ path: m.path, card: { dangling: "" } }));
    this.deferred.push(() => {
      found.markers.forEach((m, i) => {
        const target = idTarget(m.marker);
        if (isRef(target)) {
          const r = this.resolveOutput(target, what, site);
          ids[i] = { path: m.path, card: { ref: r.card }, output: r.output };
        } else ids[i] = { path: m.path, card: this.cardLink(target as Card<unknown>, site) };
      });
    });
    return { kind: "json", data: toData(found.data), ids };
  }

  private resolveOutput(source: Ref, what: string, site: CallSite | undefined): { card: string; output: IrEntryRef; type: ValueType } {
    const lowered = this.lowered.get(source.node as RecordedNode);
    const out = lowered ? findOutputOf(lowered, source.output) : undefined;
    if (!lowered || !out || out === "ambiguous") throw new DslError(`${what}: ${JSON.stringify(source.output)} is not a single output of a card placed in this flow`, site);
    return { card: lowered.card.ref, output: out.ref, type: out.type };
  }

  private filterContext(card: IrCard, what: string, site: CallSite | undefined): FilterContext {
    return {
      pin: (source, input) => this.pending.push({ source, target: card, input, inputType: { type: "string", collection: false }, transform: null, site, what }),
      defer: (f) => this.deferred.push(f),
      resolve: (source) => this.resolveOutput(source, what, site),
    };
  }

  private wire(pin: PendingPin): void {
    const src = pin.source;
    const context = this.inlineStack.at(-1);
    if (context && context.recording === this.scope && src.node.owner === this.flowToken && this.isEnclosing((src.node as RecordedNode).scope)) {
      this.wireThroughWormhole(pin, context);
      return;
    }
    const from = this.sourceOf(pin.source, pin.what, pin.site);
    const out = findOutputOf(from, pin.source.output);
    if (out === "ambiguous") throw new DslError(`${pin.what}: output ${JSON.stringify(pin.source.output)} of card ${JSON.stringify(from.card.name)} is ambiguous; use $out("<exact key>")`, pin.site);
    if (!out) {
      const names = from.outputs.map((o) => JSON.stringify(o.ref.key)).join(", ") || "none";
      throw new DslError(`${pin.what}: card ${JSON.stringify(from.card.name)} has no output ${JSON.stringify(pin.source.output)}; its outputs: ${names}`, pin.site);
    }
    const transform = transformOf(pin, out.type, `${from.card.name}.${out.ref.key}`);
    from.card.pins.push({ output: out.ref, target: pin.target.ref, input: pin.input, transform });
  }

  /**
   * Whether `scope` encloses the scope being wired: the scope around the innermost inline flow, or one around
   * that (a value from further out goes through one wormhole per level, as Okta chains them).
   */
  private isEnclosing(scope: Recording): boolean {
    for (let i = this.inlineStack.length - 1; i >= 0; i--) {
      const context = this.inlineStack[i]!;
      if (context.outerScope === scope) return true;
      if (i > 0 && this.inlineStack[i - 1]!.recording !== context.outerScope) return false;
    }
    return false;
  }

  /**
   * An inline flow reading a value of the flow around it: Okta passes it through a "wormhole", a pair of hidden
   * context fields sharing a key, one on the card that holds the inline flow (wired from the outer output),
   * one on the inline flow's start card (whose output is then wired inside). FLOPACK.md §6.3.
   */
  private wireThroughWormhole(pin: PendingPin, context: InlineContext): void {
    const from = this.lowered.get(pin.source.node as RecordedNode);
    if (!from) throw new DslError(`${pin.what} is wired to a card that is not placed yet`, pin.site);
    const out = findOutputOf(from, pin.source.output);
    if (!out || out === "ambiguous") throw new DslError(`${pin.what}: card ${JSON.stringify(from.card.name)} has no single output ${JSON.stringify(pin.source.output)}`, pin.site);
    const root = this.lowered.get(context.recording.nodes[0]!)!;
    const sourceKey = `${from.card.ref}\u0000${entryRefKey(out.ref)}`;
    let inner = context.wormholes.get(sourceKey);
    if (!inner) {
      // A key of its own: not one a wormhole written out in the flow file already has on either card.
      const taken = (k: string): boolean => root.outputs.some((o) => o.ref.key === k) || context.owner.card.extraInputs.some((x) => x.entry.key === k);
      let token = shortId("wormhole", this.flowName, context.owner.card.ref, root.card.ref, sourceKey);
      for (let n = 1; taken(token); n++) token = shortId("wormhole", this.flowName, context.owner.card.ref, root.card.ref, sourceKey, String(n));
      const end = (e: WormholeEnd): JsonObject => wormholeEntry(e, token, out.type.type, out.type.collection);
      const ref: IrEntryRef = { group: WORMHOLE_GROUP, key: token };
      context.owner.card.extraInputs.push({ entry: end("entrance"), value: { kind: "json", data: null }, links: { wormholeMethodId: { ref: root.card.ref } } });
      root.card.extraInputs.push({ entry: end("exitInput"), value: { kind: "json", data: null }, links: { wormholeMethodId: { ref: context.owner.card.ref } } });
      root.card.extraOutputs.push({ entry: end("exitOutput"), value: { kind: "json", data: null }, links: { wormholeMethodId: { ref: context.owner.card.ref } } });
      root.outputs.push({ ref, type: out.type });
      context.outerPending.push({ source: pin.source, target: context.owner.card, input: ref, inputType: out.type, transform: null, site: pin.site, what: pin.what });
      inner = { ref, type: out.type };
      context.wormholes.set(sourceKey, inner);
    }
    const transform = transformOf(pin, inner.type, `${from.card.name}.${out.ref.key}`);
    root.card.pins.push({ output: inner.ref, target: pin.target.ref, input: pin.input, transform });
  }

  private wireExplicit(pin: Recording["pins"][number]): void {
    const target = this.lowered.get(pin.target);
    if (!target) throw new DslError("f.pin(): the target card is not placed in this flow", pin.site);
    const i = findEntry(target.inputs.map((x) => x.entry), pin.input);
    if (i < 0) throw new DslError(`f.pin(): card ${JSON.stringify(target.card.name)} has no input ${JSON.stringify(pin.input)}`, pin.site);
    const x = target.inputs[i]!;
    this.wire({ source: pin.source, target: target.card, input: x.ref, inputType: typeOf(x.entry), transform: pin.transform, site: pin.site, what: `input ${JSON.stringify(x.ref.key)} of card ${JSON.stringify(target.card.name)}` });
  }

  private sourceOf(src: Ref, what: string, site: CallSite | undefined): LoweredCard {
    if (src.node.owner !== this.flowToken) {
      const other = this.pack.flowOfOwner(src.node.owner);
      throw new DslError(`${what} is wired to an output of another flow${other ? ` (${JSON.stringify(other.options.name)})` : ""}; pass values between flows as helper-flow parameters`, site);
    }
    if (src.path && src.path.length > 0) throw new DslError(`${what}: field(...) works in the inputs of cards placed with f.add and in If/Else conditions; here, place an Object Get card`, site);
    const from = this.lowered.get(src.node as RecordedNode);
    if (!from) throw new DslError(`${what} is wired to a card that is not placed yet (place it with f.add before using its outputs)`, site);
    if ((src.node as RecordedNode).scope !== this.scope) throw new DslError(`${what} is wired to a card outside this scope (inline flows get outer values through wormholes)`, site);
    return from;
  }

  private lowerJoin(node: RecordedNode, lowered: LoweredCard): void {
    if (node.role.kind !== "join") return;
    const card = lowered.card;
    const site = node.spec.site;
    const inputs: JsonObject[] = [];
    const outputs: JsonObject[] = [];
    node.role.values.forEach((v, i) => {
      const source = isRef(v.fromThen) ? v.fromThen : isRef(v.fromElse) ? v.fromElse : undefined;
      if (!source) throw new DslError(`If/Else value ${JSON.stringify(v.key)} must be a card output in at least one branch`, site);
      const [input, output] = joinValueEntries(v.key, i);
      inputs.push(input);
      outputs.push(output);
      card.extraInputs.push({ entry: input, value: { kind: "json", data: "" } });
      card.extraOutputs.push({ entry: output, value: { kind: "json", data: "" } });
      const inRef = entryRefs(inputs)[i]!;
      const outRef = entryRefs(outputs)[i]!;
      card.joins.push({ input: inRef, links: [{ output: outRef, transform: null }] });
      lowered.outputs.push({ ref: outRef, type: { type: "string", collection: false } });
      for (const branchValue of [v.fromThen, v.fromElse]) {
        if (branchValue === undefined) continue;
        if (!isRef(branchValue)) throw new DslError(`If/Else value ${JSON.stringify(v.key)}: a branch must hand on a card output, not a constant`, site);
        this.pending.push({ source: branchValue, target: card, input: inRef, inputType: { type: "string", collection: false }, site, what: `If/Else value ${JSON.stringify(v.key)}` });
      }
    });
  }

  private checkRequired(recording: Recording): void {
    const pinned = new Set<string>();
    for (const l of this.lowered.values()) for (const p of l.card.pins) pinned.add(`${p.target}\u0000${p.input.group}\u0000${p.input.key}\u0000${p.input.nth ?? 0}`);
    for (const node of recording.nodes) {
      const l = this.lowered.get(node)!;
      for (const x of l.inputs) {
        const e = x.entry;
        if (e.required !== true || e.flags === "p" || isObject(e.metadata) && e.metadata.custom === true) continue;
        const r = x.ref;
        const set = l.given.has(entryRefKey(r));
        if (!set && !pinned.has(`${l.card.ref}\u0000${r.group}\u0000${r.key}\u0000${r.nth ?? 0}`) && isEmpty(dataOf(e))) {
          throw new DslError(`card ${JSON.stringify(l.card.name)} in flow ${JSON.stringify(this.flowName)} is missing the required input ${JSON.stringify(r.key)}`, node.spec.site);
        }
      }
    }
  }
}

/**
 * The column fields of a Tables card working on a table of this pack (group "Fields", one per column, as Okta
 * writes them), unless the spec lists its fields itself (import does).
 */
function tableColumnFields(spec: CardSpec<unknown>, action: string): { inputs: CustomField[]; outputs: CustomField[] } {
  const none = { inputs: [], outputs: [] };
  const side = TABLE_COLUMN_SIDES[action];
  const table = spec.options?.stash as unknown as Table | undefined;
  if (!side || !isConnectorCard(spec.address, TABLES_CONNECTOR) || table?.kind !== "table") return none;
  const listed = [...(spec.customInputs ?? []), ...(spec.customOutputs ?? [])].some((f) => (f.group ?? (f.raw?.group as string | undefined)) === "Fields");
  if (listed) return none;
  const fields = table.columns.map((c, i): CustomField => {
    const type = isTableColumnType(c.type) ? c.type : "string";
    const raw = emptyColumnEntry(side, c.name, type, side === "inputs" ? i + 1 : i);
    return { key: c.name, group: "Fields", type, raw };
  });
  return side === "inputs" ? { inputs: fields, outputs: [] } : { inputs: [], outputs: fields };
}

/** The pin's conversion: the one it states, else the one Okta applies between the types (an error when none). */
function transformOf(pin: PendingPin, sourceType: ValueType, source: string): { convert: string; forceWrapArray: boolean } | null {
  if (pin.transform !== undefined) return pin.transform;
  const auto = conversion(sourceType, pin.inputType);
  if (auto === "incompatible") {
    throw new DslError(`${pin.what} expects ${describeType(pin.inputType)}, but ${source} is ${describeType(sourceType)} and Okta has no conversion between them`, pin.site);
  }
  return auto;
}

function withSettings(settings: FieldSettings | undefined): { settings?: FieldSettings } {
  return settings ? { settings } : {};
}

function withValueData(extra: IrExtraEntry): JsonObject {
  const e = cloneJson(extra.entry);
  if (isObject(e.value) && extra.value.kind === "json") e.value.data = cloneJson(extra.value.data);
  return e;
}

function mirrorField(f: CustomField): CustomField {
  const { value: _value, wormhole, source: _s, ...rest } = f;
  // A wormhole exit is an input and an output of the start card, both linked to the entrance's card.
  return f.group === WORMHOLE_GROUP && wormhole !== undefined && f.raw === undefined ? { ...rest, wormhole } : rest;
}

function findOutputOf(card: LoweredCard, name: string): { ref: IrEntryRef; type: ValueType } | undefined | "ambiguous" {
  const exact = card.outputs.filter((o) => o.ref.key === name);
  if (exact.length === 1) return exact[0];
  const slash = name.indexOf("/");
  if (slash >= 0) {
    // "group/key": outputs that repeat a key in several groups (hidden object-expand cards do).
    const inGroup = card.outputs.filter((o) => (o.ref.group ?? "") === name.slice(0, slash) && o.ref.key === name.slice(slash + 1));
    if (inGroup.length === 1) return inGroup[0];
  }
  if (exact.length > 1) return "ambiguous";
  // A typed factory's property name (`card.systemPropertiesExternalId`) says exactly which output it means.
  const meta = factoryMetaOf(card.node.spec)?.outputs.find(([prop]) => prop === name);
  if (meta) {
    const byMeta = card.outputs.find((o) => o.ref.group === meta[1] && o.ref.key === meta[2] && !o.ref.nth);
    if (byMeta) return byMeta;
  }
  const norm = normName(name);
  const loose = card.outputs.filter((o) => normName(o.ref.key) === norm);
  if (loose.length > 1) return "ambiguous";
  return loose[0];
}

function checkConstant(type: ValueType, value: unknown, what: string, site: CallSite | undefined): Json {
  const t = typeof type.type === "string" ? type.type : "object";
  if (value === null) return null;
  const bad = (expected: string): never => {
    throw new DslError(`${what} must be ${expected}, got ${describeJs(value)}`, site);
  };
  if (type.collection) {
    if (!Array.isArray(value)) bad(`a list (${t}[])`);
    return toJson(value, what, site);
  }
  switch (t) {
    case "string":
    case "Date":
      if (typeof value !== "string") bad(t === "Date" ? "an ISO date-time string" : "a string");
      break;
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) bad("a number");
      break;
    case "boolean":
      if (typeof value !== "boolean") bad("true or false");
      break;
    case "object":
      if (typeof value !== "object" || Array.isArray(value)) bad("an object");
      break;
    case "flo":
      bad("a flow (made with flow(...))");
      break;
    default:
      break;
  }
  return toJson(value, what, site);
}
