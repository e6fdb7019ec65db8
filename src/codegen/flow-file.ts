/**
 * One IR flow → one `*.flow.ts` file: `export default flow({...}, (f) => {...})` with its cards placed in
 * execution order. Each card is written as `card(address, {...})` with exactly the instance data lower needs
 * to rebuild the same IR card; wiring becomes output refs where lower resolves them back to the same pin,
 * and `f.pin` / `f.edge` / `f.branch` where it would not.
 */
import { ts } from "ts-morph";
import type { Catalog } from "../catalog/store.js";
import { optionValues } from "../catalog/entry.js";
import type { InputShape } from "../catalog/shape.js";
import { checkValue, chooseVariant as chooseFactoryVariant } from "../dsl/define-card.js";
import type { IrCard, IrDataId, IrEntryRef, IrExtraEntry, IrFlow, IrLink, IrPin, IrPolicy, IrScope, IrTableColumn, IrValue, Json, JsonObject } from "../ir/types.js";
import { actionKey, connectorOf, isConnectorAddress, isConnectorCard } from "../shapes/address.js";
import { conversion, type ValueType } from "../shapes/conversion.js";
import { customEntry, MIRRORED_ACTIONS } from "../shapes/custom-entry.js";
import { dataOf, entryRefs, findEntry, isEmpty, modelOf, sameEntry, sideEntries, typeOf } from "../shapes/entries.js";
import { shapeChanges, usualInlineShape } from "../shapes/inline-flow.js";
import { ACCEPT_ADDRESS, ASYNC_EACH_ADDRESS, CALLABLE_ADDRESS, COMMENT_ADDRESS, COMPOSE_ADDRESS, DELEGATED_ADDRESS, EVENT_WRAPPER_NAME, EXPAND_ADDRESS, HELPER_FLOW_NAME, JOIN_ADDRESS, NOOP_ADDRESS, TABLES_CONNECTOR } from "../shapes/known-cards.js";
import { columnTypeOfCode, emptyColumnEntry, TABLE_COLUMN_SIDES } from "../shapes/tables.js";
import { cloneJson, isObject, jsonEqual } from "../util/json.js";
import { cardModel, isOption, outputKey, specKey, type CardModel } from "./card-model.js";
import { composeTemplate } from "./compose.js";
import { defaultDataOf, fitsType, hasKindKey, entryLabels, isBare, joinShapeOk, labelsFor, mirrorsInputs, sameIgnoringIndex, type FieldLabels } from "./entry-shapes.js";
import { expandStatement, fieldName, flowFacts, foldableExpands, namedAfterSource, withExpandSteps, withoutFolded, type FlowFacts, type FoldedExpand } from "./expand.js";
import { factoryIndex } from "./factories.js";
import { differingPaths, settingProps } from "./field-props.js";
import { FileContext } from "./file-context.js";
import { ifErrorPlan, type IfErrorBlockPlan } from "./if-error.js";
import { shapeChangesExpr } from "./inline-shape.js";
import { literal, objectLiteral, propertyKey, withLineComments } from "./literal.js";
import { builderName } from "./names.js";
import { allSteps, flatten, planRoot, planScope, type Folding, type ScopePlan, type Step } from "./structure.js";
import { triggerOptions } from "./trigger.js";
import { dropUnusedConsts } from "./unused.js";
import { whereCall } from "./where.js";
import { compactWormholeField, mirrorsExits, NO_WORMHOLES, planWormholes, type WormholePlan } from "./wormholes.js";

const f = ts.factory;

/** What a flow file can import from the rest of the generated pack. */
export interface PackNames {
  connection(ref: string): string | undefined;
  folder(ref: string): string | undefined;
  table(ref: string): string | undefined;
  /** A table's columns (Tables cards get one field per column). */
  tableColumns(ref: string): readonly IrTableColumn[] | undefined;
  /** The module and default-import binding of a flow's file. */
  flow(ref: string): { module: string; binding: string; name: string } | undefined;
  /** Every identifier the resources module exports (reserved in flow files). */
  reserved: readonly string[];
}

export const RESOURCES_MODULE = "./resources.js";

export interface FlowFileResult {
  text: string;
  cards: number;
  rawCards: number;
  /** Per raw card: what made it raw. */
  raw: RawCardReport[];
  /** IR facts the DSL cannot express (the round trip will differ there). */
  lossy: string[];
}

export interface RawCardReport {
  card: string;
  address: string;
  /** The escape hatches used: `patch`, `removeInputs`, `custom inputs "x": value.available`... */
  why: string[];
}

interface ScopeInfo {
  id: number;
  parent: number | undefined;
  plan: ScopePlan;
  scope: IrScope;
}

export function writeFlowFile(flow: IrFlow, names: PackNames, catalog: Catalog, print: (stmts: ts.Statement[][]) => string): FlowFileResult {
  const w = new FlowWriter(flow, names, catalog);
  const body = w.write();
  return { text: print([w.ctx.imports(), dropUnusedConsts(body)]), cards: w.cards, rawCards: w.raw.length, raw: w.raw, lossy: w.lossy };
}

class FlowWriter {
  readonly ctx: FileContext;
  cards = 0;
  readonly raw: RawCardReport[] = [];
  readonly lossy: string[] = [];
  private readonly scopes: ScopeInfo[] = [];
  private readonly scopeOfCard = new Map<string, number>();
  private readonly models = new Map<string, CardModel>();
  private readonly cardsByRef = new Map<string, IrCard>();
  private readonly vars = new Map<string, string>();
  private readonly hoisted = new Set<string>();
  /** Cards whose variable holds its value at this point of eager evaluation. */
  private readonly declared = new Set<string>();
  private readonly rootOf = new Map<number, IrCard | undefined>();
  private builderCount = 0;
  private branchDepth = 0;
  /** Per scope being written (innermost last): cards declared since, for its deferred statements. */
  private readonly declaredQueues: string[][] = [];
  private readonly irScopes = new Map<number, IrScope>();
  /** Per scope: target card → the pins into it. */
  private readonly pinIndex = new Map<number, Map<string, Array<{ source: IrCard; pin: IrPin }>>>();
  /** If cards written with `ifElse`. */
  private readonly folded = new Set<string>();
  /** Expand cards written with `f.expand`: by source card ref; by expand card ref (with their field variables). */
  private readonly expands = new Map<string, FoldedExpand[]>();
  private readonly expandOf = new Map<string, { fold: FoldedExpand; names: string[] }>();
  private facts: FlowFacts | undefined;
  /** Wormholes left to lower: outer values used inside inline flows as plain references. */
  private wormholes: WormholePlan = NO_WORMHOLES;

  constructor(
    private readonly flow: IrFlow,
    private readonly names: PackNames,
    private readonly catalog: Catalog,
  ) {
    this.ctx = new FileContext(names.reserved);
  }

  write(): ts.Statement[] {
    // Okta event flows are stored as [event card → For Each wrapper]: written as `event(...)` when lower's
    // wrapper gives back exactly this one.
    const ev = this.eventPattern(this.flow.body);
    if (ev) {
      this.models.set(ev.event.ref, cardModel(ev.event, this.catalog));
      this.cardsByRef.set(ev.event.ref, ev.event);
      this.cards++; // the wrapper, written by event()
    }
    this.index(ev ? ev.body : this.flow.body, undefined);
    this.wormholes = planWormholes(this.scopes.map((s) => ({ id: s.id, parent: s.parent, scope: s.scope, root: s.plan.root, steps: withExpandSteps(s.plan.steps, s.plan.root, this.expands) })), this.models);
    for (const pin of this.wormholes.elidedPins) this.inlinePins.add(pin);
    this.nameReferencedCards();
    const top = this.scopes[0]!;
    const root = top.plan.root;
    if (ev) this.countCard();
    const trigger = triggerOptions(this.flow, root, {
      event: ev ? { spec: this.spec(ev.event, top.id), rootName: ev.rootName, ...(ev.wrapperVariant !== undefined ? { wrapperVariant: ev.wrapperVariant } : {}), ...(ev.inline !== undefined ? { inline: ev.inline } : {}) } : undefined,
      params: root ? this.triggerParams(root) : undefined,
      ctx: this.ctx,
      spec: (card) => this.spec(card, top.id),
      isVanillaRoot: (card, expected) => this.isVanillaRoot(card, expected),
      folder: (ref) => this.folderExpr(ref),
      // A trigger's root spec has no inputs: lower takes the first variant left by its name / displayed filters.
      defaultVariant: (address, name) =>
        this.catalog.variants(address).filter((c) => (address !== CALLABLE_ADDRESS || name === undefined || c.name === name) && (address !== NOOP_ADDRESS || modelOf(c.template).displayed === true))[0]?.variant,
    }, this.lossy);
    if (root) this.countCard();
    const bodyStatements = this.scopeBody(top, "f");
    const hoistedDecls = [...this.hoisted].map((ref) =>
      f.createVariableStatement(
        undefined,
        f.createVariableDeclarationList(
          // Assigned where the card is placed (inside its inline flow); until then it holds the trigger, so that
          // lower, which reads links once everything is placed, never sees an unset link.
          [f.createVariableDeclaration(this.vars.get(ref)!, undefined, f.createTypeReferenceNode(this.ctx.useType("flocode", "Card"), [f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword)]), f.createPropertyAccessExpression(f.createIdentifier("f"), "trigger"))],
          ts.NodeFlags.Let,
        ),
      ),
    );
    const bodyFn = f.createArrowFunction(undefined, undefined, [f.createParameterDeclaration(undefined, undefined, "f")], undefined, undefined, f.createBlock([...hoistedDecls, ...bodyStatements], true));
    const call = f.createCallExpression(this.ctx.use("flocode", "flow"), undefined, [trigger, bodyFn]);
    return [f.createExportAssignment(undefined, undefined, call)];
  }

  /**
   * Helper / API endpoint / delegated roots whose custom fields are exactly what `helperFlow({ params })`,
   * `apiEndpoint({ body, query, headers })` or `delegatedFlow({ params })` make: those fields, by group.
   */
  private triggerParams(root: IrCard): Array<{ group: string | null; key: string; type: string }> | undefined {
    const kinds: Record<string, { name?: string; groups: ReadonlyArray<string | null> }> = {
      [CALLABLE_ADDRESS]: { name: HELPER_FLOW_NAME, groups: [null] },
      [ACCEPT_ADDRESS]: { groups: ["body", "query", "headers"] },
      [DELEGATED_ADDRESS]: { groups: ["inputs"] },
    };
    const kind = kinds[root.address];
    if (!kind || root.extraInputs.length === 0) return undefined;
    const m = this.models.get(root.ref)!;
    if (root.name !== (kind.name ?? m.template.name)) return undefined;
    const variant = this.catalog.variants(root.address).filter((c) => root.address !== CALLABLE_ADDRESS || c.name === kind.name)[0]?.variant;
    if (root.variant !== variant) return undefined;
    const { extraInputs, extraOutputs: _extraOutputs, ...rest } = root;
    if (!isBare({ ...rest, extraInputs: [], extraOutputs: [] }) || !mirrorsInputs(root)) return undefined;
    const action = actionKey(root.address);
    const out: Array<{ group: string | null; key: string; type: string }> = [];
    const seen = new Set<string>();
    for (const x of extraInputs) {
      const v = isObject(x.entry.value) ? x.entry.value : {};
      const t = typeof v.type === "string" ? v.type : undefined;
      const group = typeof x.entry.group === "string" ? x.entry.group : null;
      const key = typeof x.entry.key === "string" ? x.entry.key : undefined;
      if (!t || !["string", "number", "boolean", "Date", "object"].includes(t) || key === undefined || !kind.groups.includes(group) || x.links) return undefined;
      const collection = v.collection === true;
      const data = collection ? [] : defaultDataOf(t);
      if (x.value.kind !== "json" || !jsonEqual(x.value.data, data)) return undefined;
      // The trigger helpers write no group for helper params and "inputs" for delegated ones.
      const entryGroup = root.address === CALLABLE_ADDRESS ? null : root.address === DELEGATED_ADDRESS ? null : group;
      if (!sameIgnoringIndex(customEntry(action, "inputs", { group: entryGroup, key, type: t, collection, data, index: 0 }), x.entry)) return undefined;
      if (seen.has(`${group}\u0000${key}`)) return undefined;
      seen.add(`${group}\u0000${key}`);
      out.push({ group, key, type: collection ? `${t}[]` : t });
    }
    return out;
  }

  /** The event-wrapper pattern exactly as lower's `eventWrapper` builds it, or undefined. */
  private eventPattern(scope: IrScope): { event: IrCard; body: IrScope; rootName: string; wrapperVariant?: string; inline?: Array<[string, Json | undefined]> } | undefined {
    if (scope.cards.length !== 2 || scope.orderings.length !== 1) return undefined;
    const wrapper = scope.cards.find((c) => c.address === ASYNC_EACH_ADDRESS);
    const event = scope.cards.find((c) => c !== wrapper);
    if (!wrapper || !event || !isConnectorAddress(event.address)) return undefined;
    const [from, to] = scope.orderings[0]!;
    if (from !== event.ref || to !== wrapper.ref) return undefined;
    if (wrapper.name !== EVENT_WRAPPER_NAME || !this.catalog.has(ASYNC_EACH_ADDRESS, wrapper.variant)) return undefined;
    const wrapperVariant = wrapper.variant !== this.catalog.variants(ASYNC_EACH_ADDRESS)[0]?.variant ? wrapper.variant : undefined;
    if (wrapper.pins.length > 0 || wrapper.inputValues.length !== 2) return undefined;
    const { inputValues, ...rest } = wrapper;
    if (!isBare({ ...rest, inputValues: [] })) return undefined;
    const wm = cardModel(wrapper, this.catalog);
    const em = cardModel(event, this.catalog);
    const find = (key: string) => wm.inputs.find((x) => x.ref.key === key)?.ref;
    const flo = inputValues.find((v) => find("flo") && sameEntry(v.entry, find("flo")!));
    const conc = inputValues.find((v) => find("concurrency") && sameEntry(v.entry, find("concurrency")!));
    if (!flo || flo.value.kind !== "inline" || !conc || conc.value.kind !== "json" || conc.value.data !== 1) return undefined;
    const collection = em.outputs.find((o) => o.ref.key === "collection");
    const list = find("list");
    if (!collection || !list || event.pins.length !== 1) return undefined;
    const pin = event.pins[0]!;
    if (pin.target !== wrapper.ref || !sameEntry(pin.output, collection.ref) || !sameEntry(pin.input, list) || pin.transform !== null) return undefined;
    const body = flo.value.scope;
    const root = planScope(body).root;
    const rootName = em.template.name;
    if (!root || root.address !== CALLABLE_ADDRESS || root.name !== rootName || !isBare(root)) return undefined;
    const connector = connectorOf(event.address) ?? "okta";
    if (!body.inline) return undefined;
    // The root's alias is written by lower (under the ref it gives the root), so a stated shape leaves it out.
    const aliases = isObject(body.inline.display) && isObject(body.inline.display.aliases) ? body.inline.display.aliases : undefined;
    if (!aliases || aliases[root.ref] !== connector || Object.keys(aliases)[0] !== root.ref) return undefined;
    const shape = cloneJson(body.inline);
    delete ((shape.display as JsonObject).aliases as JsonObject)[root.ref];
    const inline = shapeChanges(shape, usualInlineShape());
    // Nothing inside may point out of the body (it becomes the flow's top level).
    const inside = new Set<string>();
    const collect = (sc: IrScope): void => {
      for (const c of sc.cards) {
        inside.add(c.ref);
        for (const v of [...c.inputValues, ...c.outputValues, ...c.extraInputs, ...c.extraOutputs]) if (v.value.kind === "inline") collect(v.value.scope);
        if (c.policy.flo?.kind === "inline") collect(c.policy.flo.scope);
      }
    };
    collect(body);
    const outside = (l: IrLink | undefined): boolean => l !== undefined && "ref" in l && !inside.has(l.ref);
    const leaks = (sc: IrScope): boolean =>
      sc.cards.some((c) => [...c.extraInputs, ...c.extraOutputs].some((x) => outside(x.links?.wormholeMethodId) || outside(x.links?.srcMethodId)));
    if (leaks(body)) return undefined;
    return { event, body, rootName, ...(wrapperVariant !== undefined ? { wrapperVariant } : {}), ...(inline !== undefined ? { inline } : {}) };
  }

  // ---- indexing ----

  private index(scope: IrScope, parent: number | undefined): number {
    const id = this.scopes.length;
    for (const card of scope.cards) {
      this.scopeOfCard.set(card.ref, id);
      this.cardsByRef.set(card.ref, card);
      this.models.set(card.ref, cardModel(card, this.catalog));
    }
    this.irScopes.set(id, scope);
    const plan = planScope(this.foldExpands(scope), this.folding(scope));
    this.scopes.push({ id, parent, plan, scope });
    this.rootOf.set(id, plan.root);
    for (const st of allSteps(plan.steps)) if (st.kind === "ifElse") this.folded.add(st.ifCard.ref);
    for (const card of scope.cards) {
      for (const v of [...card.inputValues, ...card.outputValues]) if (v.value.kind === "inline") this.index(v.value.scope, id);
      for (const x of [...card.extraInputs, ...card.extraOutputs]) if (x.value.kind === "inline") this.index(x.value.scope, id);
      if (card.policy.flo?.kind === "inline") this.index(card.policy.flo.scope, id);
    }
    return id;
  }

  /** Finds the expand cards `f.expand` writes; the scope without them (what the rest is planned on). */
  private foldExpands(scope: IrScope): IrScope {
    this.facts ??= flowFacts(this.flow.body);
    const folds = foldableExpands(scope, { model: (r) => this.models.get(r)!, defaultVariant: this.catalog.variants(EXPAND_ADDRESS)[0]?.variant, facts: this.facts });
    const refs = new Set<string>();
    for (const [source, list] of folds) {
      this.expands.set(source, list);
      for (const x of list) {
        refs.add(x.card.ref);
        this.expandOf.set(x.card.ref, { fold: x, names: [] });
        this.inlinePins.add(x.inputPin);
      }
    }
    return withoutFolded(scope, refs);
  }

  /** `const { a, b } = b.expand(source.$out(...), {...})` for the folded expand cards of a card just placed. */
  private writeExpands(ref: string, b: ts.Identifier, out: ts.Statement[]): void {
    for (const x of this.expands.get(ref) ?? []) {
      out.push(expandStatement(b, this.cardRefExpr(ref), x, this.fieldNames(x.card.ref)!));
      this.countCard();
      this.declare(x.card.ref);
    }
  }

  private nameReferencedCards(): void {
    const want = new Set<string>();
    for (const s of this.scopes) {
      for (const [a, b] of s.plan.edges) want.add(a).add(b);
      for (const p of s.plan.placement.values()) if (p !== null && p !== "cursor") want.add(p);
      for (const card of s.scope.cards) {
        for (const pin of card.pins) want.add(card.ref).add(pin.target);
        if (card.branches.length > 0 && !this.folded.has(card.ref)) {
          want.add(card.ref);
          for (const b of card.branches) want.add(b.head);
        }
        for (const x of [...card.extraInputs, ...card.extraOutputs]) {
          if (this.wormholes.elided.has(x)) continue;
          const l = x.links;
          if (l?.wormholeMethodId && "ref" in l.wormholeMethodId) want.add(l.wormholeMethodId.ref);
          if (l?.srcMethodId && "ref" in l.srcMethodId) want.add(l.srcMethodId.ref);
          if (l?.srcOutputId && "card" in l.srcOutputId) want.add(l.srcOutputId.card);
          if (l?.method && "ref" in l.method) want.add(l.method.ref);
          if (l?.keyOf) want.add(l.keyOf.card);
        }
        for (const v of [...card.inputValues, ...card.extraInputs]) {
          if (v.value.kind === "json") for (const d of v.value.ids ?? []) if ("ref" in d.card) want.add(d.card.ref);
        }
      }
    }
    // Link targets not in lexical scope where the link is written are hoisted (`let`, assigned when placed).
    for (const s of this.scopes) {
      for (const card of s.scope.cards) {
        const evalScope = card === s.plan.root && s.parent !== undefined ? s.parent : s.id;
        for (const x of [...card.extraInputs, ...card.extraOutputs]) {
          if (this.wormholes.elided.has(x)) continue;
          const l = x.links;
          for (const target of [l?.wormholeMethodId, l?.srcMethodId, l?.method, l?.keyOf ? { ref: l.keyOf.card } : undefined]) {
            if (target && "ref" in target && this.cardsByRef.has(target.ref) && !this.visibleFrom(target.ref, evalScope)) this.hoisted.add(target.ref);
          }
        }
        for (const v of [...card.inputValues, ...card.extraInputs]) {
          if (v.value.kind !== "json") continue;
          for (const d of v.value.ids ?? []) if ("ref" in d.card && this.cardsByRef.has(d.card.ref) && !this.visibleFrom(d.card.ref, evalScope)) this.hoisted.add(d.card.ref);
        }
      }
    }
    // Names in execution order, so that a file reads top-down.
    for (const s of this.scopes) {
      const ordered = [...(s.plan.root ? [s.plan.root] : []), ...s.plan.order];
      for (const card of ordered) if (want.has(card.ref) && this.cardsByRef.has(card.ref)) this.vars.set(card.ref, this.ctx.names.take(card.name, "card"));
    }
  }

  // ---- scopes ----

  private scopeBody(info: ScopeInfo, builder: string): ts.Statement[] {
    const out: ts.Statement[] = [];
    const b = f.createIdentifier(builder);
    const root = info.plan.root;
    const deferred = this.deferredStatements(info, builder);
    // Deferred statements wait on their cards: each is looked at again only when one of its cards is declared.
    const waiting = new Map<string, Array<(typeof deferred)[number]>>();
    const done = new Set<(typeof deferred)[number]>();
    for (const d of deferred) for (const r of new Set(d.needs)) (waiting.get(r) ?? waiting.set(r, []).get(r)!).push(d);
    const queue: string[] = [];
    this.declaredQueues.push(queue);
    let seen = 0;
    const flush = (into: ts.Statement[] = out): void => {
      for (; seen < queue.length; seen++) {
        for (const d of waiting.get(queue[seen]!) ?? []) {
          if (done.has(d) || !d.needs.every((x) => this.declared.has(x))) continue;
          done.add(d);
          const stmt = d.make();
          if (stmt) into.push(stmt);
        }
      }
    };
    if (root) {
      const v = this.vars.get(root.ref);
      if (v) {
        const trig = f.createPropertyAccessExpression(b, "trigger");
        out.push(this.hoisted.has(root.ref) ? assign(v, trig) : constDecl(v, trig));
      }
      this.declare(root.ref);
      this.writeExpands(root.ref, b, out);
    }
    flush();
    this.emitSteps(info.plan.steps, info, b, out, flush);
    this.declaredQueues.pop();
    // A statement left waiting is lost only when it would write something (a pin already inlined writes nothing).
    for (const d of deferred.filter((x) => !done.has(x))) {
      if (d.make() !== undefined) this.lossy.push(`a statement needs cards that are never placed (${d.needs.join(", ")})`);
    }
    return out;
  }

  /** Writes steps with builder `b` into `out`; `flush` writes deferred statements whose cards are now declared. */
  private emitSteps(steps: readonly Step[], info: ScopeInfo, b: ts.Identifier, out: ts.Statement[], flush: (into: ts.Statement[]) => void): void {
    for (const st of steps) {
      if (st.kind === "ifElse") {
        out.push(this.ifElseStatement(st, info, b, flush));
        flush(out);
        continue;
      }
      const card = st.card;
      this.countCard();
      const placement = info.plan.placement.get(card.ref);
      const ifError = placement === "cursor" ? this.ifErrorCall(card, info, b) : undefined;
      const spec = ifError || this.isPlainComment(card, placement) ? undefined : this.spec(card, info.id);
      let call: ts.Expression;
      if (ifError) call = ifError;
      else if (spec === undefined) {
        const c = card.comments as JsonObject;
        call = f.createCallExpression(f.createPropertyAccessExpression(b, "comment"), undefined, [literal(c.markdown as string), literal(c.title as string)]);
      } else {
        const args: ts.Expression[] = [spec];
        if (placement === null) args.push(objectLiteral([["after", f.createNull()]]));
        else if (placement !== "cursor" && placement !== undefined) args.push(objectLiteral([["after", this.cardRefExpr(placement)]]));
        call = f.createCallExpression(f.createPropertyAccessExpression(b, "add"), undefined, args);
      }
      const v = this.vars.get(card.ref);
      let stmt: ts.Statement = v ? (this.hoisted.has(card.ref) ? assign(v, call) : constDecl(v, call)) : f.createExpressionStatement(call);
      if (card.address === COMMENT_ADDRESS && spec !== undefined && isObject(card.comments) && typeof card.comments.markdown === "string") {
        stmt = withLineComments(stmt, card.comments.markdown.split(/\r\n|\r|\n/).filter((l) => l.trim() !== "").slice(0, 3));
      }
      out.push(stmt);
      this.declare(card.ref);
      this.writeExpands(card.ref, b, out);
      flush(out);
    }
  }

  /** `b.ifError((g) => {...}, (g2) => {...}, options?)` for an If Error card it gives back exactly (see if-error.ts). */
  private ifErrorCall(card: IrCard, info: ScopeInfo, b: ts.Identifier): ts.Expression | undefined {
    const plan = ifErrorPlan(card, {
      catalog: this.catalog,
      models: this.models,
      wormholes: this.wormholes,
      planOf: (scope) => this.scopes.find((s) => s.scope === scope)?.plan,
      named: (ref) => this.vars.has(ref),
    });
    if (!plan) return undefined;
    const block = (p: IfErrorBlockPlan): { body: ts.Expression; options: Array<[string, ts.Expression]> } => {
      const inner = this.scopes.find((s) => s.scope === p.scope)!;
      this.countCard();
      const options: Array<[string, ts.Expression]> = [];
      if (p.customStart) options.push(["start", this.spec(p.start, info.id)]);
      if (p.shape) options.push(["shape", shapeChangesExpr(p.shape)]);
      const builder = builderName("g", this.builderCount + 1);
      this.builderCount++;
      const saved = new Set(this.declared);
      if (p.implicitReturn) this.countCard();
      const steps = p.implicitReturn ? inner.plan.steps.slice(0, -1) : inner.plan.steps;
      const statements = this.scopeBody({ ...inner, plan: { ...inner.plan, steps } }, builder);
      // Cards of an inline flow are not visible (nor declared) outside its body.
      this.declared.clear();
      for (const r of saved) this.declared.add(r);
      return { body: f.createArrowFunction(undefined, undefined, [f.createParameterDeclaration(undefined, undefined, builder)], undefined, undefined, f.createBlock(statements, true)), options };
    };
    const attempt = block(plan.attempt);
    const onError = block(plan.onError);
    const options: Array<[string, ts.Expression]> = [];
    if (plan.name !== undefined) options.push(["name", literal(plan.name)]);
    if (plan.variant !== undefined) options.push(["variant", literal(plan.variant)]);
    const m = this.models.get(card.ref)!;
    const why: string[] = [];
    const customIn = card.extraInputs.flatMap((x, j) => (this.wormholes.elided.has(x) ? [] : [this.customField(card, m, "inputs", x, j, info.id, this.pinsInto(card), why)]));
    const customOut = card.extraOutputs.map((x, j) => this.customField(card, m, "outputs", x, j, info.id, [], why));
    if (customIn.length > 0) options.push(["customInputs", f.createArrayLiteralExpression(customIn, true)]);
    if (customOut.length > 0) options.push(["customOutputs", f.createArrayLiteralExpression(customOut, true)]);
    if (why.length > 0) this.raw.push({ card: card.name, address: card.address, why });
    if (attempt.options.length > 0) options.push(["attempt", objectLiteral(attempt.options, true)]);
    if (onError.options.length > 0) options.push(["onError", objectLiteral(onError.options, true)]);
    const args: ts.Expression[] = [attempt.body, onError.body];
    if (options.length > 0) args.push(objectLiteral(options, true));
    return f.createCallExpression(f.createPropertyAccessExpression(b, "ifError"), undefined, args);
  }

  /** `b.ifElse({ left, operator, right }, (then) => {...}, (otherwise) => {...})`, its join as the value. */
  private ifElseStatement(st: Extract<Step, { kind: "ifElse" }>, info: ScopeInfo, b: ts.Identifier, flush: (into: ts.Statement[]) => void): ts.Statement {
    this.countCard(4); // the If card, both branch heads and the Join
    const condition = this.conditionOf(st.ifCard, info.id) ?? objectLiteral([]);
    this.branchDepth++;
    const values = this.joinValues(st, new Set(flatten([...st.then, ...st.otherwise]).map((c) => c.ref)))!;
    for (const v of [...values.then, ...values.otherwise]) this.inlinePins.add(v.pin);
    const branch = (steps: readonly Step[], name: "then" | "otherwise", handOn: JoinValue[]): ts.ArrowFunction => {
      const inner: ts.Statement[] = [];
      const param = f.createIdentifier(builderName(name, this.branchDepth));
      this.emitSteps(steps, info, param, inner, flush);
      // What the branch hands on through the join: `join.<key>` after the If/Else.
      if (handOn.length > 0) inner.push(f.createReturnStatement(objectLiteral(handOn.map((v): [string, ts.Expression] => [v.key, this.refExpr(v.source, v.pin, { type: "string", collection: false })!]))));
      // Branch cards are constants of the branch's function: out of scope after it.
      for (const c of flatten(steps)) this.declared.delete(c.ref);
      return f.createArrowFunction(undefined, undefined, [f.createParameterDeclaration(undefined, undefined, param)], undefined, undefined, f.createBlock(inner, true));
    };
    const args: ts.Expression[] = [condition, branch(st.then, "then", values.then)];
    if (st.otherwise.length > 0 || values.otherwise.length > 0) args.push(branch(st.otherwise, "otherwise", values.otherwise));
    this.branchDepth--;
    const call = f.createCallExpression(f.createPropertyAccessExpression(b, "ifElse"), undefined, args);
    this.declare(st.join.ref);
    const v = this.vars.get(st.join.ref);
    return v ? (this.hoisted.has(st.join.ref) ? assign(v, call) : constDecl(v, call)) : f.createExpressionStatement(call);
  }

  /**
   * The values an If/Else hands on through its join (lower's ifElse: the keys the `then` branch returns, in
   * order, then the keys only `otherwise` returns), each from one pin per branch; undefined when the join's
   * pins cannot be read so.
   */
  private joinValues(st: Extract<Step, { kind: "ifElse" }>, inBranches: Set<string>): { then: JoinValue[]; otherwise: JoinValue[] } | undefined {
    const join = st.join;
    const thenCards = new Set(flatten(st.then).map((c) => c.ref));
    const elseCards = new Set(flatten(st.otherwise).map((c) => c.ref));
    const incoming = this.pinsInto(join);
    const out = { then: [] as JoinValue[], otherwise: [] as JoinValue[] };
    const m = this.models.get(join.ref)!;
    let elseOnly = false;
    for (const [i, x] of join.extraInputs.entries()) {
      const lowered = m.inputs.find((e) => e.extra === i);
      if (!lowered) return undefined;
      const key = String(x.entry.key);
      const pins = incoming.filter((p) => sameEntry(p.pin.input, lowered.ref));
      let thenPin: { source: IrCard; pin: IrPin } | undefined;
      let elsePin: { source: IrCard; pin: IrPin } | undefined;
      for (const p of pins) {
        const from = this.expandOf.get(p.source.ref)?.fold.source.ref ?? p.source.ref;
        const side = thenCards.has(from) ? "then" : elseCards.has(from) ? "else" : inBranches.has(from) ? undefined : thenPin ? "else" : "then";
        if (side === undefined || (side === "then" ? thenPin : elsePin)) return undefined;
        const sm = this.models.get(p.source.ref)!;
        const o = sm.outputs.find((e) => sameEntry(e.ref, p.pin.output));
        if (!o || outputKey(sm.outputs, p.pin.output) === undefined) return undefined;
        const auto = conversion(o.type, { type: "string", collection: false });
        if (auto === "incompatible" || !jsonEqual(auto, p.pin.transform)) return undefined;
        if (side === "then") thenPin = p;
        else elsePin = p;
      }
      if (!thenPin && !elsePin) return undefined;
      // lower orders the values: every key the `then` branch returns first.
      if (thenPin && elseOnly) return undefined;
      if (!thenPin) elseOnly = true;
      if (thenPin) out.then.push({ key, ...thenPin });
      if (elsePin) out.otherwise.push({ key, ...elsePin });
    }
    if (incoming.length !== out.then.length + out.otherwise.length) return undefined;
    return out;
  }

  /** The `{ left, operator, right }` of an If card, or undefined when its inputs cannot be written so. */
  private conditionOf(ifCard: IrCard, scope: number, visible?: (ref: string) => boolean): ts.Expression | undefined {
    // With `visible` (planning, before names exist) this only checks: nothing is built.
    const dry = visible !== undefined;
    const m = this.models.get(ifCard.ref)!;
    const kept = m.inputs.filter((x) => x.template !== undefined);
    const entries = kept.map((x) => x.entry);
    const incoming = this.pinsInto(ifCard);
    const known = new Set(["left-operand", "operator", "right-operand"]);
    if (ifCard.inputValues.some((v) => !known.has(v.entry.key) || v.entry.group !== null)) return undefined;
    if (incoming.some((p) => !known.has(p.pin.input.key))) return undefined;
    const props: Array<[string, ts.Expression]> = [];
    for (const [prop, key] of [["left", "left-operand"], ["operator", "operator"], ["right", "right-operand"]] as const) {
      const i = kept.findIndex((x) => x.ref.key === key && x.ref.group === null);
      if (i < 0 || specKey(entries, i) !== key) return undefined;
      const x = kept[i]!;
      const v = ifCard.inputValues.find((iv) => sameEntry(iv.entry, x.ref));
      const pins = incoming.filter((p) => sameEntry(p.pin.input, x.ref));
      if (pins.length > 1 || (pins.length === 1 && v)) return undefined;
      if (pins.length === 1) {
        const { source, pin } = pins[0]!;
        const seen = visible ? visible(source.ref) : this.declared.has(source.ref);
        if (!seen || this.scopeOfCard.get(source.ref) !== scope) return undefined;
        if (outputKey(this.models.get(source.ref)!.outputs, pin.output) === undefined) return undefined;
        if (!dry) {
          props.push([prop, this.refExpr(source, pin, x.type)!]);
          this.inlinePins.add(pin);
        }
      } else if (v) {
        if (v.value.kind !== "json") return undefined;
        if (!dry) props.push([prop, this.constant(v.value.data, x.entry)]);
      } else if (prop !== "right" && !dry) props.push([prop, literal(dataOf(x.entry))]);
    }
    return objectLiteral(props);
  }

  /** What `ifElse` needs of an If block's cards, and of its context (see planScope). */
  private folding(scope: IrScope): Folding {
    const headVariant = this.catalog.variants(NOOP_ADDRESS).filter((c) => modelOf(c.template).displayed === false)[0]?.variant;
    const plainCard = (c: IrCard, address: string, variant: string | undefined): boolean =>
      c.address === address && c.variant === variant && c.name === this.models.get(c.ref)!.template.name && isBare(c) && c.pins.length === 0;
    const scopeId = this.scopeOfCard.get(scope.cards[0]?.ref ?? "");
    return {
      cards: (ifCard, thenHead, elseHead, join) => {
        const m = this.models.get(ifCard.ref)!;
        const { inputValues: _i, branches: _b, ...rest } = ifCard;
        if (!isBare({ ...rest, inputValues: [], branches: [] }) || ifCard.pins.length > 0 || ifCard.name !== m.template.name) return false;
        if (!plainCard(thenHead, NOOP_ADDRESS, headVariant) || !plainCard(elseHead, NOOP_ADDRESS, headVariant)) return false;
        const { pins: _p, extraInputs: _ei, extraOutputs: _eo, joins: _j, ...joinRest } = join;
        if (!(join.address === JOIN_ADDRESS && join.variant === this.catalog.variants(JOIN_ADDRESS)[0]?.variant && join.name === this.models.get(join.ref)!.template.name)) return false;
        if (!isBare({ ...joinRest, pins: [], extraInputs: [], extraOutputs: [], joins: [] }) || !joinShapeOk(join)) return false;
        // lower picks the If's variant from its wiring: it must pick this one.
        const wired: WiredInput[] = this.pinsInto(ifCard).map(({ source, pin }) => {
          const sm = this.models.get(source.ref)!;
          return { key: pin.input.key, sourceType: sm.outputs.find((o) => sameEntry(o.ref, pin.output))?.type, outputKey: outputKey(sm.outputs, pin.output) ?? "/" };
        });
        return this.chooseVariant(ifCard.address, undefined, {}, wired) === ifCard.variant;
      },
      accept: (step, steps, layout) => {
        const inBranches = new Set(flatten([...step.then, ...step.otherwise]).map((c) => c.ref));
        const hidden = new Set([step.ifCard.ref, step.thenHead.ref, step.elseHead.ref]);
        const root = planRoot(scope);
        const order = [...(root ? [root.ref] : []), ...flatten(steps).map((c) => c.ref)];
        const pos = (r: string): number => order.indexOf(r);
        // Cards inside folded blocks' branches are local to their branch functions.
        const closed = new Set<string>();
        for (const other of allSteps(steps)) if (other.kind === "ifElse") for (const c of flatten([...other.then, ...other.otherwise])) closed.add(c.ref);
        const values = this.joinValues(step, inBranches);
        if (!values) return false;
        const valuePins = new Set([...values.then, ...values.otherwise].map((v) => v.pin));
        // A folded expand card is written right after its source: it stands where its source stands.
        const at = (r: string): string => this.expandOf.get(r)?.fold.source.ref ?? r;
        for (const c of scope.cards) {
          const cRef = at(c.ref);
          for (const p of c.pins) {
            const target = p.target === c.ref ? p.target : at(p.target);
            if (hidden.has(cRef)) return false;
            if (valuePins.has(p)) {
              if (!inBranches.has(cRef) && (closed.has(cRef) || pos(cRef) < 0 || pos(cRef) > pos(step.ifCard.ref))) return false;
              continue;
            }
            if (target === step.join.ref && !inBranches.has(cRef)) continue;
            if (inBranches.has(cRef) && !inBranches.has(target)) return false;
            if (target === step.thenHead.ref || target === step.elseHead.ref) return false;
            if ((target === step.ifCard.ref || inBranches.has(target)) && !inBranches.has(cRef)) {
              if (closed.has(cRef) || pos(cRef) < 0 || pos(cRef) > pos(step.ifCard.ref)) return false;
            }
          }
          if (this.expandOf.has(c.ref)) continue;
          for (const x of [...c.extraInputs, ...c.extraOutputs]) {
            for (const l of [x.links?.wormholeMethodId, x.links?.srcMethodId]) if (l && "ref" in l && (inBranches.has(l.ref) || hidden.has(l.ref))) return false;
            const so = x.links?.srcOutputId;
            if (so && "card" in so && (inBranches.has(so.card) || hidden.has(so.card))) return false;
          }
        }
        for (const [a, b] of layout.edges) if (inBranches.has(a) || inBranches.has(b) || hidden.has(a) || hidden.has(b)) return false;
        for (const [card, p] of layout.placement) if (p !== null && p !== "cursor" && (inBranches.has(p) || hidden.has(p)) && !inBranches.has(card)) return false;
        for (const c of flatten([...step.then, ...step.otherwise])) if (layout.placement.get(c.ref) !== "cursor" && !(c.address === COMMENT_ADDRESS && layout.placement.get(c.ref) === null)) return false;
        const sameScope = (r: string): boolean => this.scopeOfCard.get(r) === this.scopeOfCard.get(step.ifCard.ref);
        return this.conditionOf(step.ifCard, scopeId ?? -1, (r) => pos(r) >= 0 && pos(r) < pos(step.ifCard.ref) && !closed.has(r) && sameScope(r)) !== undefined;
      },
    };
  }

  private deferredStatements(info: ScopeInfo, builder: string): Array<{ needs: string[]; make: () => ts.Statement | undefined }> {
    const out: Array<{ needs: string[]; make: () => ts.Statement | undefined }> = [];
    const b = (): ts.Identifier => f.createIdentifier(builder);
    for (const [a, c] of info.plan.edges) {
      if (!this.cardsByRef.has(a) || !this.cardsByRef.has(c)) {
        this.lossy.push(`an ordering edge points to a card that is not in the flow`);
        continue;
      }
      out.push({ needs: [a, c], make: () => f.createExpressionStatement(f.createCallExpression(f.createPropertyAccessExpression(b(), "edge"), undefined, [this.cardRefExpr(a), this.cardRefExpr(c)])) });
    }
    for (const card of info.scope.cards) {
      if (this.folded.has(card.ref)) continue;
      for (const br of card.branches) {
        if (!this.cardsByRef.has(br.head)) {
          this.lossy.push(`an If/Else branch points to a card that is not in the flow`);
          continue;
        }
        out.push({
          needs: [card.ref, br.head],
          make: () => f.createExpressionStatement(f.createCallExpression(f.createPropertyAccessExpression(b(), "branch"), undefined, [this.cardRefExpr(card.ref), this.cardRefExpr(br.head), literal(br.value)])),
        });
      }
    }
    for (const card of info.scope.cards) {
      for (const pin of card.pins) {
        out.push({ needs: [card.ref, pin.target], make: () => (this.inlinePins.has(pin) ? undefined : this.pinStatement(card, pin, b)?.()) });
      }
    }
    return out;
  }

  // ---- wiring ----

  /** Pins written as refs inside the target's spec (decided while writing specs, before deferred statements). */
  private readonly inlinePins = new Set<IrPin>();

  private pinsInto(target: IrCard): Array<{ source: IrCard; pin: IrPin }> {
    const id = this.scopeOfCard.get(target.ref);
    if (id === undefined) return []; // the event card of an event() trigger: nothing pins into it
    let index = this.pinIndex.get(id);
    if (!index) {
      index = new Map();
      for (const c of this.irScopes.get(id)!.cards) for (const p of c.pins) (index.get(p.target) ?? index.set(p.target, []).get(p.target)!).push({ source: c, pin: p });
      this.pinIndex.set(id, index);
    }
    return index.get(target.ref) ?? [];
  }

  /** A Tables "Where Expression" as `where(...)` (see where.ts); the pins it writes are marked written. */
  private whereExpr(card: IrCard, value: { data: Json; ids?: IrDataId[] }, incoming: Array<{ source: IrCard; pin: IrPin }>, scope: number): { expr: ts.Expression; fields: IrExtraEntry[] } | undefined {
    const plan = whereCall(card, value, incoming, scope, {
      cardsByRef: this.cardsByRef,
      models: this.models,
      declared: (ref) => this.declared.has(ref),
      scopeOf: (ref) => this.scopeOfCard.get(ref),
      refExpr: (source, pin, type) => this.refExpr(source, pin, type),
      where: () => this.ctx.use("flocode", "where"),
    });
    if (!plan) return undefined;
    for (const p of plan.pins) this.inlinePins.add(p);
    return { expr: plan.expr, fields: plan.fields };
  }

  /** `src.$out("key")` (or `convert(...)` around it) when lower resolves it to exactly this pin. */
  private refExpr(source: IrCard, pin: IrPin, inputType: CardModel["inputs"][number]["type"], typeArg?: ts.TypeNode): ts.Expression | undefined {
    const sm = this.models.get(source.ref)!;
    const key = outputKey(sm.outputs, pin.output);
    if (key === undefined) return undefined;
    const out = sm.outputs.find((o) => sameEntry(o.ref, pin.output))!;
    const ref = this.outRef(source, pin.output, typeArg);
    if (!ref) return undefined;
    const auto = conversion(out.type, inputType);
    if (auto !== "incompatible" && jsonEqual(auto, pin.transform)) return ref;
    const args: ts.Expression[] = [ref, pin.transform ? literal(pin.transform.convert) : f.createNull()];
    if (pin.transform?.forceWrapArray) args.push(objectLiteral([["forceWrapArray", f.createTrue()]]));
    return f.createCallExpression(this.ctx.use("flocode", "convert"), undefined, args);
  }

  private pinStatement(source: IrCard, pin: IrPin, b: () => ts.Identifier): (() => ts.Statement) | undefined {
    const target = this.cardsByRef.get(pin.target);
    if (!target) {
      this.lossy.push(`a pin of ${JSON.stringify(source.name)} points to a card that is not in the flow`);
      return undefined;
    }
    const sm = this.models.get(source.ref)!;
    const tm = this.models.get(target.ref)!;
    const key = outputKey(sm.outputs, pin.output);
    const i = tm.inputs.findIndex((x) => sameEntry(x.ref, pin.input));
    const inputKey = i < 0 ? undefined : specKey(tm.inputs.map((x) => x.entry), i);
    if (key === undefined || inputKey === undefined) {
      this.lossy.push(`a pin from ${JSON.stringify(source.name)} to ${JSON.stringify(target.name)} cannot be written (ambiguous or unknown entry)`);
      return undefined;
    }
    const outer = this.outRef(source, pin.output);
    if (!outer) {
      this.lossy.push(`a pin from ${JSON.stringify(source.name)} to ${JSON.stringify(target.name)} cannot be written (ambiguous or unknown entry)`);
      return undefined;
    }
    return () => {
      const ref = this.outRef(source, pin.output)!;
      const opts: Array<[string, ts.Expression]> = [["convert", pin.transform ? literal(pin.transform.convert) : f.createNull()]];
      if (pin.transform?.forceWrapArray) opts.push(["forceWrapArray", f.createTrue()]);
      return f.createExpressionStatement(
        f.createCallExpression(f.createPropertyAccessExpression(b(), "pin"), undefined, [ref, this.cardRefExpr(target.ref), literal(inputKey), objectLiteral(opts)]),
      );
    };
  }

  /** The variables a folded expand card's fields are read into (named on first use). */
  private fieldNames(card: string): string[] | undefined {
    const expand = this.expandOf.get(card);
    if (expand && expand.names.length === 0) expand.names = expand.fold.fields.map((field) => this.ctx.names.take(fieldName(field.path), "field"));
    return expand?.names;
  }

  /** The variable `f.expand` read a folded expand card's field into. */
  private expandFieldName(card: string, output: IrEntryRef): string | undefined {
    const i = this.expandOf.get(card)?.fold.fields.findIndex((x) => sameEntry(x.value, output)) ?? -1;
    return i >= 0 ? this.fieldNames(card)![i] : undefined;
  }

  /**
   * `card.$out("key")` for an output, or the variable `f.expand` read a folded expand card's field into; an exit
   * of a wormhole left to lower is written as the outer output it carries (lower passes it in again). Undefined
   * when no key reaches the output.
   */
  private outRef(source: IrCard, output: IrEntryRef, typeArg?: ts.TypeNode): ts.Expression | undefined {
    let card = source;
    let ref = output;
    for (let outer = this.wormholes.alias(card, ref); outer; outer = this.wormholes.alias(card, ref)) ({ source: card, output: ref } = outer);
    const field = this.expandFieldName(card.ref, ref);
    if (field !== undefined) return f.createIdentifier(field);
    const key = outputKey(this.models.get(card.ref)!.outputs, ref);
    if (key === undefined) return undefined;
    return f.createCallExpression(f.createPropertyAccessExpression(this.cardRefExpr(card.ref), "$out"), typeArg ? [typeArg] : undefined, [literal(key)]);
  }

  private cardRefExpr(ref: string): ts.Expression {
    const v = this.vars.get(ref);
    if (!v) throw new Error(`codegen: card ${ref} has no variable`);
    return f.createIdentifier(v);
  }

  /** A card reference inside a spec that lower reads later (wormholes, sources): a getter when not declared yet. */
  private lazyCardProp(prop: string, ref: string, fromScope: number): ts.ObjectLiteralElementLike {
    const v = this.vars.get(ref)!;
    if (this.declared.has(ref) && this.visibleFrom(ref, fromScope)) return f.createPropertyAssignment(prop, f.createIdentifier(v));
    if (!this.visibleFrom(ref, fromScope)) this.hoisted.add(ref);
    const cardType = f.createTypeReferenceNode(this.ctx.useType("flocode", "Card"), [f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword)]);
    return f.createGetAccessorDeclaration(undefined, prop, [], cardType, f.createBlock([f.createReturnStatement(f.createIdentifier(v))], false));
  }

  /** Whether a card's variable is in lexical scope from code written in scope `from` (its own or an enclosing scope). */
  private visibleFrom(ref: string, from: number): boolean {
    const target = this.scopeOfCard.get(ref);
    for (let s: number | undefined = from; s !== undefined; s = this.scopes[s]!.parent) if (s === target) return true;
    return false;
  }

  // ---- cards ----

  /** A card's variable now holds its handle (statements waiting on it may be written). */
  private declare(ref: string): void {
    this.declared.add(ref);
    this.declaredQueues.at(-1)?.push(ref);
  }

  /** Counts cards written (for the import report). */
  private countCard(n = 1): void {
    this.cards += n;
  }

  private isPlainComment(card: IrCard, placement: "cursor" | string | null | undefined): boolean {
    if (card.address !== COMMENT_ADDRESS || placement !== null || this.vars.has(card.ref)) return false;
    const c = card.comments;
    if (!isObject(c) || Object.keys(c).length !== 2 || typeof c.title !== "string" || typeof c.markdown !== "string") return false;
    const model = this.models.get(card.ref)!;
    const defaultVariant = this.catalog.variants(COMMENT_ADDRESS)[0];
    if (defaultVariant?.variant !== card.variant || card.name !== model.template.name) return false;
    return isBare(card);
  }

  /** The spec expression of a card: `card(address, {...})`. `scope` is where the expression is evaluated. */
  spec(card: IrCard, scope: number): ts.Expression {
    const m = this.models.get(card.ref)!;
    const composed = card.address === COMPOSE_ADDRESS ? this.composeSpec(card, m, scope) : undefined;
    if (composed) return composed;
    const props: ts.ObjectLiteralElementLike[] = [];
    const prop = (k: string, v: ts.Expression): void => {
      props.push(f.createPropertyAssignment(k, v));
    };
    // Lower names an expand card after the card it reads (its `name` here names its ref).
    if (card.address === EXPAND_ADDRESS && !namedAfterSource(card)) this.lossy.push(`card ${JSON.stringify(card.name)}: an expand card not named after the card it reads cannot be written`);
    if (card.name !== m.template.name || card.address === EXPAND_ADDRESS) prop("name", literal(card.name));
    if (card.connection) {
      if ("ref" in card.connection && this.names.connection(card.connection.ref)) prop("connection", this.ctx.use(RESOURCES_MODULE, this.names.connection(card.connection.ref)!));
      else this.lossy.push(`card ${JSON.stringify(card.name)} points to a connection the export does not include`);
    }
    if (card.configRef) {
      if ("ref" in card.configRef && this.names.connection(card.configRef.ref)) prop("configRef", this.ctx.use(RESOURCES_MODULE, this.names.connection(card.configRef.ref)!));
      else if ("dangling" in card.configRef) prop("configRef", literal(card.configRef.dangling));
    }

    // Template inputs: constants (options and inputs), and refs for single pins from cards written earlier.
    const keptTemplate = m.inputs.filter((x) => x.template !== undefined);
    const keptEntries = keptTemplate.map((x) => x.entry);
    const items: InputItem[] = [];
    const incoming = this.pinsInto(card);
    /** Hidden Tables filter fields written by `where(...)`. */
    const filterFields = new Set<IrExtraEntry>();
    for (const v of card.inputValues) {
      const i = keptTemplate.findIndex((x) => sameEntry(x.ref, v.entry));
      const key = i < 0 ? undefined : specKey(keptEntries, i);
      if (key === undefined) {
        this.lossy.push(`card ${JSON.stringify(card.name)}: input ${JSON.stringify(v.entry.key)} cannot be addressed`);
        continue;
      }
      const filter = v.value.kind === "json" && v.value.ids ? this.whereExpr(card, v.value, incoming, scope) : undefined;
      if (filter) for (const x of filter.fields) filterFields.add(x);
      const expr = filter?.expr ?? this.valueExpr(v.value, keptTemplate[i]!.entry, scope, card);
      items.push({ key, index: i, option: isOption(keptTemplate[i]!.entry), expr: () => expr, value: v.value, verbatim: isVerbatimCall(expr) });
    }
    for (const x of keptTemplate) {
      const pins = incoming.filter((p) => sameEntry(p.pin.input, x.ref));
      if (pins.length !== 1 || card.inputValues.some((v) => sameEntry(v.entry, x.ref))) continue;
      const { source, pin } = pins[0]!;
      if (!this.declared.has(source.ref) || this.scopeOfCard.get(source.ref) !== scope) continue;
      const index = keptTemplate.indexOf(x);
      const key = specKey(keptEntries, index);
      const ref = key === undefined ? undefined : this.refExpr(source, pin, x.type);
      if (key === undefined || ref === undefined) continue;
      this.inlinePins.add(pin);
      const converted = !ts.isIdentifier(ref) && (!ts.isCallExpression(ref) || !ts.isPropertyAccessExpression(ref.expression) || ref.expression.name.text !== "$out");
      const sm = this.models.get(source.ref)!;
      items.push({
        key,
        index,
        option: isOption(x.entry),
        expr: (t) => (t && !converted ? this.refExpr(source, pin, x.type, t)! : ref),
        ref: { converted, sourceType: sm.outputs.find((o) => sameEntry(o.ref, pin.output))?.type, outputKey: outputKey(sm.outputs, pin.output) ?? "/" },
      });
    }
    // A required input the export leaves empty is said explicitly (lower requires it to be set).
    keptTemplate.forEach((x, index) => {
      const e = x.entry;
      if (e.required !== true || e.flags === "p" || (isObject(e.metadata) && e.metadata.custom === true)) return;
      if (items.some((it) => it.index === index) || incoming.some((p) => sameEntry(p.pin.input, x.ref)) || !isEmpty(dataOf(e))) return;
      const key = specKey(keptEntries, index);
      if (key === undefined) return;
      const data = dataOf(e);
      items.push({ key, index, option: false, expr: () => literal(data), value: { kind: "json", data } });
    });
    let auto = this.autoColumns(card, m, items, scope, incoming);
    const typed = this.typedFactory(card, items, keptEntries, auto !== undefined);
    if (!typed) auto = undefined;
    if (auto) for (const pin of auto.inlined) this.inlinePins.add(pin);
    if (typed) {
      for (const [k, v] of typed.props) prop(k, v);
      if (auto && auto.values.length > 0) prop("fields", objectLiteral(auto.values, auto.values.length > 1));
    } else {
      // Options are JSON; a table or flow chosen as an option is written with the inputs (lower reads both alike).
      const options = items.filter((x) => x.option && (x.value === undefined || x.value.kind === "json")).map((x): [string, ts.Expression] => [x.key, x.expr()]);
      const inputs = items.filter((x) => !(x.option && (x.value === undefined || x.value.kind === "json"))).map((x): [string, ts.Expression] => [x.key, x.expr()]);
      if (options.length > 0) prop("options", objectLiteral(options, options.length > 2));
      if (inputs.length > 0) prop("inputs", objectLiteral(inputs, inputs.length > 1));
    }

    const action = actionKey(card.address);
    // Column fields lower writes itself (from the table) are left out.
    const skip = (side: "inputs" | "outputs", x: IrExtraEntry): boolean => (auto !== undefined && auto.side === side && x.entry.group === "Fields") || filterFields.has(x) || this.wormholes.elided.has(x);
    const rawFields: string[] = [];
    const customIn = card.extraInputs.flatMap((x, j) => (skip("inputs", x) ? [] : [this.customField(card, m, "inputs", x, j, scope, incoming, rawFields)]));
    const customOut = card.extraOutputs.flatMap((x, j) => (skip("outputs", x) ? [] : [this.customField(card, m, "outputs", x, j, scope, [], rawFields)]));
    if (customIn.length > 0) prop("customInputs", f.createArrayLiteralExpression(customIn, true));
    const mirrored = MIRRORED_ACTIONS.has(action) && (mirrorsInputs(card) || mirrorsExits(card));
    if (!mirrored && (customOut.length > 0 || (MIRRORED_ACTIONS.has(action) && customIn.length > 0))) prop("customOutputs", f.createArrayLiteralExpression(customOut, true));

    if (card.outputValues.length > 0) {
      const keptOut = m.outputs.filter((x) => x.template !== undefined);
      const outs: Array<[string, ts.Expression]> = [];
      for (const v of card.outputValues) {
        const i = keptOut.findIndex((x) => sameEntry(x.ref, v.entry));
        const key = i < 0 ? undefined : specKey(keptOut.map((x) => x.entry), i);
        if (key === undefined) {
          this.lossy.push(`card ${JSON.stringify(card.name)}: output ${JSON.stringify(v.entry.key)} cannot be addressed`);
          continue;
        }
        outs.push([key, this.valueExpr(v.value, keptOut[i]!.entry, scope, card)]);
      }
      prop("outputs", objectLiteral(outs, true));
    }
    const removeKeys = (side: "inputs" | "outputs"): string[] => {
      const entries = side === "inputs" ? m.templateInputs : m.templateOutputs;
      const removed = side === "inputs" ? card.removedInputs : card.removedOutputs;
      const refs = entryRefs(entries);
      return removed.flatMap((r) => {
        const i = refs.findIndex((t) => sameEntry(t, r));
        const key = i < 0 ? undefined : specKey(entries, i);
        if (key === undefined) this.lossy.push(`card ${JSON.stringify(card.name)}: removed ${side} ${JSON.stringify(r.key)} cannot be addressed`);
        return key === undefined ? [] : [key];
      });
    };
    const rmIn = removeKeys("inputs");
    const rmOut = removeKeys("outputs");
    if (rmIn.length > 0) prop("removeInputs", literal(rmIn));
    if (rmOut.length > 0) prop("removeOutputs", literal(rmOut));

    if (card.joins.length > 0) prop("joins", f.createArrayLiteralExpression(card.joins.map((j) => this.joinExpr(card, m, j)).filter((x): x is ts.Expression => x !== undefined), true));
    const policy = this.policyExpr(card.policy, scope);
    if (policy) prop("policy", policy);
    if (card.comments !== undefined) prop("comments", literal(card.comments));
    // A card counts as raw when its code needs a patch, removals, or a custom field written whole (`raw`).
    const rawProps = ["patch", "removeModelKeys", "methodPatch", "removeInputs", "removeOutputs"];
    if (Object.keys(card.modelPatch).length > 0) prop("patch", literal(card.modelPatch));
    if (card.removedModelKeys.length > 0) prop("removeModelKeys", literal(card.removedModelKeys));
    if (Object.keys(card.methodPatch).length > 0) prop("methodPatch", literal(card.methodPatch));

    const why = props.flatMap((p) => (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && rawProps.includes(p.name.text) ? [p.name.text] : []));
    why.push(...rawFields);
    if (why.length > 0) this.raw.push({ card: card.name, address: card.address, why });
    // The variant last: lower picks it from what the spec says, so say it only when lower would pick another.
    const optionValues: Record<string, Json> = Object.create(null) as Record<string, Json>;
    for (const x of items) if (x.option) optionValues[typed?.keys.get(x) ?? x.key] = x.value?.kind === "json" ? x.value.data : "\u0000not-json";
    // Refs written into `inputs` take part in lower's choice between variants.
    const wired: WiredInput[] = items
      .filter((x) => x.ref && (typed ? true : !(x.option && (x.value === undefined || x.value.kind === "json"))))
      .map((x) => ({ key: typed ? (typed.keys.get(x) ?? x.key) : x.key, sourceType: x.ref!.sourceType, outputKey: x.ref!.outputKey }));
    const chosen = typed?.variant ?? this.chooseVariant(card.address, card.address === CALLABLE_ADDRESS && card.name !== m.template.name ? card.name : undefined, optionValues, wired);
    if (chosen !== card.variant) props.unshift(f.createPropertyAssignment("variant", literal(card.variant)));
    if (typed) {
      const [first, ...rest] = typed.path;
      let callee: ts.Expression = this.ctx.use("flocode/cards", first!);
      for (const part of rest) callee = f.createPropertyAccessExpression(callee, part);
      return f.createCallExpression(callee, undefined, props.length > 0 ? [f.createObjectLiteralExpression(props, props.length > 1)] : []);
    }
    const args: ts.Expression[] = [literal(card.address)];
    if (props.length > 0) args.push(f.createObjectLiteralExpression(props, props.length > 1));
    return f.createCallExpression(this.ctx.use("flocode", "card"), undefined, args);
  }

  /** A Compose card as `compose\`...${ref}...\`` when that gives it back (see ./compose.ts); its pins are written in place. */
  private composeSpec(card: IrCard, m: CardModel, scope: number): ts.Expression | undefined {
    const incoming = this.pinsInto(card);
    const composed = composeTemplate(card, {
      templateName: m.template.name,
      templateInputs: m.templateInputs,
      defaultVariant: this.catalog.variants(card.address)[0]?.variant,
      tag: () => this.ctx.use("flocode", "compose"),
      placeholderValue: (j) => {
        const input = m.inputs.find((e) => e.extra === j);
        const pins = input ? incoming.filter((p) => sameEntry(p.pin.input, input.ref)) : [];
        if (!input || pins.length !== 1) return undefined;
        const { source, pin } = pins[0]!;
        if (!this.declared.has(source.ref) || this.scopeOfCard.get(source.ref) !== scope) return undefined;
        if (outputKey(this.models.get(source.ref)!.outputs, pin.output) === undefined) return undefined;
        return { expr: () => this.refExpr(source, pin, input.type)!, pin };
      },
    });
    for (const pin of composed?.pins ?? []) this.inlinePins.add(pin);
    return composed?.expr;
  }

  /**
   * Tables cards on a table of this pack whose column fields are exactly the ones lower writes from the table
   * (one per column, in order, Okta's shape): written as `fields: {...}` (values only) instead of the fields.
   */
  private autoColumns(card: IrCard, m: CardModel, items: InputItem[], scope: number, incoming: Array<{ source: IrCard; pin: IrPin }>): { side: "inputs" | "outputs"; values: Array<[string, ts.Expression]>; inlined: IrPin[] } | undefined {
    const action = actionKey(card.address);
    const side = TABLE_COLUMN_SIDES[action];
    if (!side || !isConnectorCard(card.address, TABLES_CONNECTOR)) return undefined;
    const tableItem = items.find((x) => x.option && x.key === "stash" && x.value?.kind === "table");
    if (!tableItem || tableItem.value?.kind !== "table") return undefined;
    const columns = this.names.tableColumns(tableItem.value.table);
    if (!columns) return undefined;
    const other = side === "inputs" ? card.extraOutputs : card.extraInputs;
    if (other.some((x) => x.entry.group === "Fields")) return undefined;
    const extras = (side === "inputs" ? card.extraInputs : card.extraOutputs).map((x, j) => ({ x, j })).filter(({ x }) => x.entry.group === "Fields");
    if (extras.length !== columns.length) return undefined;
    const templateInputs = m.inputs.filter((e) => e.template !== undefined).map((e) => e.entry);
    const allInputs = m.inputs.map((e) => e.entry);
    const values: Array<[string, ts.Expression]> = [];
    const inlined: IrPin[] = [];
    for (const [i, c] of columns.entries()) {
      const { x, j } = extras[i]!;
      const expected = emptyColumnEntry(side, c.name, columnTypeOfCode(c.type) ?? "string", side === "inputs" ? i + 1 : i);
      const emptyData = (expected.value as JsonObject).data!;
      if (!sameIgnoringIndex(expected, x.entry) || x.links || x.value.kind !== "json") return undefined;
      if (side === "outputs") {
        if (!jsonEqual(x.value.data, emptyData)) return undefined;
        continue;
      }
      const lowered = m.inputs.find((e) => e.extra === j);
      if (!lowered) return undefined;
      const pins = incoming.filter((p) => sameEntry(p.pin.input, lowered.ref));
      const hasValue = !jsonEqual(x.value.data, emptyData);
      if (!hasValue && pins.length === 0) continue;
      // lower finds a column value by its key only when no template input answers to that key.
      if (findEntry(templateInputs, c.name) >= 0) return undefined;
      if (pins.length === 1 && !hasValue) {
        const { source, pin } = pins[0]!;
        const ref = this.declared.has(source.ref) && this.scopeOfCard.get(source.ref) === scope ? this.refExpr(source, pin, lowered.type) : undefined;
        if (ref) {
          values.push([c.name, ref]);
          inlined.push(pin);
          continue;
        }
      }
      // Pins written with f.pin need the key to reach this field among all inputs.
      if (pins.length > 0 && specKey(allInputs, m.inputs.indexOf(lowered)) !== c.name) return undefined;
      if (hasValue) values.push([c.name, this.constant(x.value.data, lowered.entry)]);
    }
    return { side, values, inlined };
  }

  /**
   * The typed factory call's props when the card can be written with one: only props the factory has, every
   * required prop given, constants that fit the prop's type, refs typed as the prop expects.
   */
  private typedFactory(card: IrCard, items: InputItem[], keptEntries: JsonObject[], autoColumns = false): { path: string[]; props: Array<[string, ts.Expression]>; variant?: string; keys: Map<InputItem, string> } | undefined {
    const info = factoryIndex().get(card.address);
    if (!info) return undefined;
    if (card.outputValues.length > 0 || card.removedInputs.length > 0 || card.removedOutputs.length > 0 || card.removedModelKeys.length > 0) return undefined;
    if (Object.keys(card.methodPatch).length > 0 || card.configRef !== undefined || card.joins.length > 0) return undefined;
    if (card.connection && !("ref" in card.connection)) return undefined;
    const codes = new Map(info.meta.inputs.map(([prop, , code, choices]) => [prop, { code, choices }]));
    const props: Array<[string, ts.Expression]> = [];
    const given = new Set<string>();
    const keys = new Map<InputItem, string>();
    const options: Record<string, Json> = Object.create(null) as Record<string, Json>;
    for (const item of items) {
      const shape = info.shape.inputs.find((si) => findEntry(keptEntries, si.specKey) === item.index);
      const code = shape ? codes.get(shape.prop) : undefined;
      if (!shape || !code || given.has(shape.prop)) return undefined;
      keys.set(item, shape.specKey);
      const schema = shape.types.some((t) => typeof t.type !== "string");
      if (item.ref) {
        if (item.ref.converted || shape.option) return undefined;
        const typeArg = typeArgument(shape, item.ref.sourceType, this.ctx);
        if (!typeArg && shape.types.some((t) => t.type !== "*")) return undefined;
        props.push([shape.prop, item.expr(typeArg)]);
      } else if (item.value?.kind === "json") {
        const data = item.value.data;
        if (item.verbatim || data === null || hasKindKey(data) || checkValue(data, code.code, code.choices) !== undefined) return undefined;
        if (schema && typeof data === "object") return undefined;
        props.push([shape.prop, item.expr()]);
        if (shape.option) options[shape.specKey] = data;
      } else if (item.value?.kind === "table") {
        if (!shape.table) return undefined;
        // A table chosen as the option makes lower add one field per column unless the card lists its fields:
        // a card that lists none is written with the table among its inputs (generic form), where lower adds none.
        const side = TABLE_COLUMN_SIDES[actionKey(card.address)];
        if (side && shape.option && !autoColumns && !(side === "inputs" ? card.extraInputs : card.extraOutputs).some((x) => x.entry.group === "Fields")) return undefined;
        props.push([shape.prop, item.expr()]);
      } else if (item.value?.kind === "flow") {
        if (!code.code.includes("F")) return undefined;
        props.push([shape.prop, item.expr()]);
      } else return undefined;
      given.add(shape.prop);
    }
    if (info.shape.inputs.some((si) => si.required && !given.has(si.prop))) return undefined;
    const variant = chooseFactoryVariant(info.meta, options);
    return { path: info.path, props, keys, ...(variant !== undefined ? { variant } : {}) };
  }

  /**
   * The variant `lower` picks for a spec without `variant` (mirrors Lowerer.candidates + FlowLowering.bestFit):
   * the variants left by the name / displayed / option filters; among several, the first that takes the most
   * wired inputs without a conversion. Undefined when the choice cannot be predicted (then the spec says it).
   */
  private chooseVariant(address: string, name: string | undefined, options: Record<string, Json>, wired: readonly WiredInput[] = []): string | undefined {
    let candidates = this.catalog.variants(address);
    if (address === CALLABLE_ADDRESS && name !== undefined) candidates = candidates.filter((c) => c.name === name);
    if (address === NOOP_ADDRESS) candidates = candidates.filter((c) => modelOf(c.template).displayed === true);
    const asked = Object.entries(options).filter(([k]) => candidates.some((c) => Object.hasOwn(c.options, k)));
    if (asked.length > 0) candidates = candidates.filter((c) => asked.every(([k, v]) => optionValues(c, k).some((x) => jsonEqual(x, v))));
    if (candidates.length <= 1 || wired.length === 0) return candidates[0]?.variant;
    if (wired.some((w) => w.sourceType === undefined || w.outputKey.includes("/"))) return undefined;
    let best = candidates[0]!;
    let bestScore = -1;
    for (const c of candidates) {
      const inputs = sideEntries(modelOf(c.template), "inputs");
      let score = 0;
      for (const w of wired) {
        const i = findEntry(inputs, w.key);
        if (i >= 0 && conversion(w.sourceType!, typeOf(inputs[i]!)) === null) score++;
      }
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    return best.variant;
  }

  private valueExpr(value: IrValue, entry: JsonObject, scope: number, card: IrCard): ts.Expression {
    switch (value.kind) {
      case "flow":
        return this.flowExpr(value.flow);
      case "table": {
        const t = this.names.table(value.table);
        if (t) return this.ctx.use(RESOURCES_MODULE, t);
        this.lossy.push(`card ${JSON.stringify(card.name)} points to a table that is not in the export`);
        return f.createNull();
      }
      case "inline":
        return this.inlineExpr(value.scope, scope);
      case "json":
        return value.ids ? this.constantWithIds(value.data, value.ids, entry, scope) : this.constant(value.data, entry);
    }
  }

  /** Constant data holding card/output ids: each id written as `idOf(card)` / `idOf(card.$out("key"))`. */
  private constantWithIds(data: Json, ids: readonly IrDataId[], entry: JsonObject, scope: number): ts.Expression {
    const at = new Map(ids.map((d) => [JSON.stringify(d.path), d]));
    const build = (v: Json, path: Array<string | number>): ts.Expression => {
      const id = at.get(JSON.stringify(path));
      if (id) return this.idOfExpr(id, scope);
      if (Array.isArray(v)) return f.createArrayLiteralExpression(v.map((x, i) => build(x, [...path, i])), false);
      if (isObject(v)) return f.createObjectLiteralExpression(Object.keys(v).map((k) => f.createPropertyAssignment(propertyKey(k), build(v[k]!, [...path, k]))), false);
      return literal(v);
    };
    const expr = build(data, []);
    const v = isObject(entry.value) ? entry.value : {};
    const t = typeof v.type === "string" ? v.type : "object";
    if (fitsType(data, t, v.collection === true) && !hasKindKey(data)) return expr;
    return f.createCallExpression(this.ctx.use("flocode", "verbatim"), undefined, [expr]);
  }

  private idOfExpr(id: IrDataId, scope: number): ts.Expression {
    if ("dangling" in id.card || !this.cardsByRef.has(id.card.ref)) return literal("dangling" in id.card ? id.card.dangling : id.card.ref);
    const ref = id.card.ref;
    let target: ts.Expression = this.cardRefExpr(ref);
    if (id.output) {
      const key = outputKey(this.models.get(ref)!.outputs, id.output);
      if (key === undefined) {
        this.lossy.push(`an id in constant data points to an output that cannot be addressed`);
        return f.createNull();
      }
      target = f.createCallExpression(f.createPropertyAccessExpression(target, "$out"), undefined, [literal(key)]);
    }
    const now = this.declared.has(ref) && this.visibleFrom(ref, scope);
    if (!now && !this.visibleFrom(ref, scope)) this.hoisted.add(ref);
    const arg = now ? target : f.createArrowFunction(undefined, undefined, [], undefined, f.createToken(ts.SyntaxKind.EqualsGreaterThanToken), target);
    return f.createCallExpression(this.ctx.use("flocode", "idOf"), undefined, [arg]);
  }

  /** A constant as lower accepts it for this entry: plain when it fits the entry's type, else `verbatim(...)`. */
  private constant(data: Json, entry: JsonObject): ts.Expression {
    const v = isObject(entry.value) ? entry.value : {};
    const t = typeof v.type === "string" ? v.type : "object";
    if (fitsType(data, t, v.collection === true) && !hasKindKey(data)) return literal(data);
    return f.createCallExpression(this.ctx.use("flocode", "verbatim"), undefined, [literal(data)]);
  }

  private flowExpr(flowRef: string): ts.Expression {
    const target = this.names.flow(flowRef);
    if (!target) {
      this.lossy.push(`a card points to a flow that is not in the export`);
      return f.createNull();
    }
    if (flowRef === this.flow.ref) return f.createCallExpression(this.ctx.use("flocode", "flowNamed"), undefined, [literal(target.name)]);
    return this.ctx.useDefault(target.module, target.binding);
  }

  private folderExpr(ref: string): ts.Expression | undefined {
    const n = this.names.folder(ref);
    return n ? this.ctx.use(RESOURCES_MODULE, n) : undefined;
  }

  private inlineExpr(scope: IrScope, parentScope: number): ts.Expression {
    const info = this.scopes.find((s) => s.scope === scope)!;
    const root = info.plan.root;
    if (!root) {
      this.lossy.push("an inline flow has no root card");
      return f.createNull();
    }
    this.countCard();
    const rootSpec = this.spec(root, parentScope);
    const builder = builderName("g", this.builderCount + 1);
    this.builderCount++;
    const saved = new Set(this.declared);
    const statements = this.scopeBody(info, builder);
    // Cards of an inline flow are not visible (nor declared) outside its body.
    this.declared.clear();
    for (const r of saved) this.declared.add(r);
    const args: ts.Expression[] = [rootSpec];
    args.push(f.createArrowFunction(undefined, undefined, [f.createParameterDeclaration(undefined, undefined, builder)], undefined, undefined, f.createBlock(statements, true)));
    const changes = scope.inline ? shapeChanges(scope.inline, usualInlineShape()) : undefined;
    if (changes) args.push(shapeChangesExpr(changes));
    return f.createCallExpression(this.ctx.use("flocode", "inline"), undefined, args);
  }

  private policyExpr(p: IrPolicy, scope: number): ts.Expression | undefined {
    if (!p.flo && !p.rest && jsonEqual(p.error, { type: "finish" })) return undefined;
    const simple = this.simplePolicy(p);
    if (simple) return simple;
    const props: Array<[string, ts.Expression]> = [
      ["type", literal("raw")],
      ["error", literal(p.error)],
    ];
    if (p.flo) {
      if (p.flo.kind === "flow") props.push(["handler", this.flowExpr(p.flo.flow)]);
      else if (p.flo.kind === "inline") props.push(["handler", this.inlineExpr(p.flo.scope, scope)]);
      else props.push(["handler", objectLiteral([["kind", literal("json")], ["data", literal(p.flo.data)]])]);
    }
    if (p.rest) props.push(["rest", literal(p.rest)]);
    return objectLiteral(props, true);
  }

  /** `{ type: "halt" | "continue" | "helper", retry, delayMs, retryOnRateLimitOnly }` when lower writes exactly this policy from it. */
  private simplePolicy(p: IrPolicy): ts.Expression | undefined {
    const e = p.error;
    if (p.rest) return undefined;
    const type = e.type === "finish" ? "halt" : e.type === "return" ? "continue" : e.type === "flo" ? "helper" : undefined;
    if (!type || Object.keys(e).some((k) => !["type", "delay", "retry", "retryCondition", ...(type === "helper" ? ["flo"] : [])].includes(k))) return undefined;
    if (type === "helper" ? p.flo?.kind !== "flow" || e.flo !== null : p.flo !== undefined) return undefined;
    const props: Array<[string, ts.Expression]> = [["type", literal(type)]];
    if (type === "helper" && p.flo?.kind === "flow") props.push(["flow", this.flowExpr(p.flo.flow)]);
    const delay = e.delay;
    const delayOk = delay === undefined || (typeof delay === "number" && Number.isFinite(delay)) || (Array.isArray(delay) && delay.length === 2 && delay.every((d) => typeof d === "number"));
    if (!delayOk || (delay !== undefined && e.retry === undefined)) return undefined;
    if (e.retry !== undefined && typeof e.retry !== "number") return undefined;
    if (e.retryCondition !== undefined && e.retryCondition !== "ratelimits") return undefined;
    if (e.retry !== undefined && !(delay !== undefined && e.retry === 0)) props.push(["retry", literal(e.retry)]);
    if (delay !== undefined) props.push(["delayMs", literal(delay)]);
    if (e.retryCondition === "ratelimits") props.push(["retryOnRateLimitOnly", f.createTrue()]);
    return objectLiteral(props);
  }

  private joinExpr(card: IrCard, m: CardModel, j: IrCard["joins"][number]): ts.Expression | undefined {
    const ii = m.inputs.findIndex((x) => sameEntry(x.ref, j.input));
    const inKey = ii < 0 ? undefined : specKey(m.inputs.map((x) => x.entry), ii);
    if (inKey === undefined) {
      this.lossy.push(`card ${JSON.stringify(card.name)}: a join input cannot be addressed`);
      return undefined;
    }
    const outs: ts.Expression[] = [];
    for (const l of j.links) {
      const oi = m.outputs.findIndex((x) => sameEntry(x.ref, l.output));
      const key = oi < 0 ? undefined : specKey(m.outputs.map((x) => x.entry), oi);
      if (key === undefined) {
        this.lossy.push(`card ${JSON.stringify(card.name)}: a join output cannot be addressed`);
        continue;
      }
      if (l.transform === null) outs.push(literal(key));
      else {
        const o: Array<[string, ts.Expression]> = [
          ["output", literal(key)],
          ["convert", literal(l.transform.convert)],
        ];
        if (l.transform.forceWrapArray) o.push(["forceWrapArray", f.createTrue()]);
        outs.push(objectLiteral(o));
      }
    }
    return objectLiteral([
      ["input", literal(inKey)],
      ["outputs", f.createArrayLiteralExpression(outs, false)],
    ]);
  }

  /**
   * One custom field: compact when lower's default shape gives back the entry, else `raw` (the whole entry), and
   * then why is added to `rawReasons`.
   */
  private customField(card: IrCard, m: CardModel, side: "inputs" | "outputs", x: IrExtraEntry, j: number, scope: number, incoming: Array<{ source: IrCard; pin: IrPin }>, rawReasons: string[]): ts.Expression {
    const action = actionKey(card.address);
    const entry = x.entry;
    const value = isObject(entry.value) ? entry.value : {};
    const type = (typeof value.type === "string" || isObject(value.type) ? value.type : "string") as string | JsonObject;
    const collection = value.collection === true;
    const group = typeof entry.group === "string" ? entry.group : null;
    const key = typeof entry.key === "string" ? entry.key : String(entry.key);
    // Wormhole ends have a compact form of their own (a `context` field with its `wormhole` card), and no other.
    const wormholeEnd = group === "context" && x.links?.wormholeMethodId !== undefined;
    const defaultData = wormholeEnd ? null : collection ? [] : defaultDataOf(type);
    const wormholeSettings = wormholeEnd ? compactWormholeField(action, side, x) : undefined;
    const labels: FieldLabels | undefined = wormholeEnd
      ? wormholeSettings && (wormholeSettings.ref ? { settings: wormholeSettings } : {})
      : labelsFor(entry, (l) => customEntry(action, side, { group, key, type, collection, data: defaultData, index: 0, ...l }));
    const isCompact = labels !== undefined;
    // With `raw` (the whole entry), lower reads only the type's kind (for conversions) from the other props.
    const props: ts.ObjectLiteralElementLike[] = [f.createPropertyAssignment("key", literal(key))];
    if (group !== null && isCompact) props.push(f.createPropertyAssignment("group", literal(group)));
    props.push(f.createPropertyAssignment("type", literal(isCompact || typeof type === "string" ? type : "object")));
    if (collection) props.push(f.createPropertyAssignment("collection", f.createTrue()));
    if (labels?.displayName !== undefined) props.push(f.createPropertyAssignment("displayName", literal(labels.displayName)));
    if (labels?.description !== undefined) props.push(f.createPropertyAssignment("description", literal(labels.description)));
    if (labels?.fromItem !== undefined) props.push(f.createPropertyAssignment("fromItem", literal(labels.fromItem)));
    for (const [prop, v] of settingProps(labels?.settings)) props.push(f.createPropertyAssignment(prop, literal(v)));
    let valueExpr: ts.Expression | undefined;
    const lowered = (side === "inputs" ? m.inputs : m.outputs).find((e) => e.extra === j);
    // A single pin from a card written earlier becomes the field's value.
    if (side === "inputs" && lowered) {
      const pins = incoming.filter((p) => sameEntry(p.pin.input, lowered.ref));
      if (pins.length === 1 && !(x.value.kind === "json" && !jsonEqual(x.value.data, isCompact ? defaultData : x.value.data))) {
        const { source, pin } = pins[0]!;
        if (this.declared.has(source.ref) && this.scopeOfCard.get(source.ref) === scope) {
          const ref = this.refExpr(source, pin, { type, collection });
          if (ref) {
            valueExpr = ref;
            this.inlinePins.add(pin);
          }
        }
      }
    }
    if (!isCompact) {
      const shape = customEntry(action, side, { group, key, type, collection, data: defaultData, index: 0, ...entryLabels(entry) });
      rawReasons.push(`custom ${side} ${JSON.stringify(key)}: ${differingPaths(shape, entry).join(", ")}`);
      const raw = cloneJson(entry);
      if (isObject(raw.value) && x.value.kind === "json") raw.value.data = cloneJson(x.value.data);
      props.push(f.createPropertyAssignment("raw", literal(raw)));
      if (x.value.kind !== "json" && !valueExpr) valueExpr = this.valueExpr(x.value, entry, scope, card);
    } else if (!valueExpr) {
      if (x.value.kind !== "json") valueExpr = this.valueExpr(x.value, entry, scope, card);
      else if (!jsonEqual(x.value.data, defaultData)) valueExpr = this.constant(x.value.data, { value: { type, collection } });
    }
    if (valueExpr) props.push(f.createPropertyAssignment("value", valueExpr));
    const links = x.links;
    if (links?.wormholeMethodId) props.push(this.linkProp("wormhole", links.wormholeMethodId, scope));
    if (links?.method) props.push(this.linkProp("method", links.method, scope));
    if (links?.keyOf) {
      const key = this.cardsByRef.has(links.keyOf.card) ? outputKey(this.models.get(links.keyOf.card)!.outputs, links.keyOf.entry) : undefined;
      if (key === undefined) this.lossy.push(`card ${JSON.stringify(card.name)}: a field keyed by an output that cannot be addressed`);
      else {
        const out = f.createCallExpression(f.createPropertyAccessExpression(this.cardRefExpr(links.keyOf.card), "$out"), undefined, [literal(key)]);
        const now = this.declared.has(links.keyOf.card) && this.visibleFrom(links.keyOf.card, scope);
        if (!this.visibleFrom(links.keyOf.card, scope)) this.hoisted.add(links.keyOf.card);
        props.push(f.createPropertyAssignment("keyOf", now ? out : f.createArrowFunction(undefined, undefined, [], undefined, f.createToken(ts.SyntaxKind.EqualsGreaterThanToken), out)));
      }
    }
    if (links?.srcMethodId || links?.srcOutputId) {
      const src: ts.ObjectLiteralElementLike[] = [];
      if (links.srcMethodId) src.push(this.linkProp("card", links.srcMethodId, scope));
      const so = links.srcOutputId;
      if (so && "card" in so) {
        const sm = this.models.get(so.card);
        const k = sm ? outputKey(sm.outputs, so.entry) : undefined;
        if (k === undefined) this.lossy.push(`card ${JSON.stringify(card.name)}: a source output cannot be addressed`);
        else src.push(f.createPropertyAssignment("output", literal(k)));
      } else if (so) src.push(f.createPropertyAssignment("output", objectLiteral([["dangling", literal(so.dangling)]])));
      props.push(f.createPropertyAssignment("source", f.createObjectLiteralExpression(src, false)));
    }
    return f.createObjectLiteralExpression(props, false);
  }

  private linkProp(prop: string, link: IrLink, scope: number): ts.ObjectLiteralElementLike {
    if ("dangling" in link) return f.createPropertyAssignment(prop, objectLiteral([["dangling", literal(link.dangling)]]));
    if (!this.cardsByRef.has(link.ref)) return f.createPropertyAssignment(prop, objectLiteral([["dangling", literal(link.ref)]]));
    return this.lazyCardProp(prop, link.ref, scope);
  }

  private isVanillaRoot(card: IrCard, expected: { name?: string; variant?: string }): boolean {
    const m = this.models.get(card.ref)!;
    if (expected.variant !== undefined && expected.variant !== card.variant) return false;
    if (card.name !== (expected.name ?? m.template.name)) return false;
    return isBare(card);
  }
}

interface InputItem {
  /** The spec key (entry key or "group/key"). */
  key: string;
  /** Index among the template entries the card keeps. */
  index: number;
  option: boolean;
  /** The value expression; refs take the type argument a typed factory prop needs. */
  expr: (typeArg?: ts.TypeNode) => ts.Expression;
  value?: IrValue;
  verbatim?: boolean;
  ref?: { converted: boolean; sourceType: ValueType | undefined; outputKey: string };
}

interface JoinValue {
  key: string;
  source: IrCard;
  pin: IrPin;
}

interface WiredInput {
  key: string;
  sourceType: ValueType | undefined;
  outputKey: string;
}

function isVerbatimCall(e: ts.Expression): boolean {
  return ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "verbatim";
}

/** The TS type a ref must carry for a typed prop: the prop's alternative matching the source's type, else its first. */
function typeArgument(shape: InputShape, source: ValueType | undefined, ctx: FileContext): ts.TypeNode | undefined {
  const prim = (t: unknown): string => (typeof t === "string" ? t : "object");
  // Object-schema alternatives are typed as exact object literals: a ref is typed as a plain alternative.
  const plain = shape.types.filter((t) => typeof t.type === "string");
  const pick = plain.find((t) => source && prim(t.type) === prim(source.type) && t.collection === source.collection) ?? plain[0];
  if (!pick) return undefined;
  let node: ts.TypeNode;
  switch (prim(pick.type)) {
    case "string":
    case "Date":
      node = f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword);
      break;
    case "number":
      node = f.createKeywordTypeNode(ts.SyntaxKind.NumberKeyword);
      break;
    case "boolean":
      node = f.createKeywordTypeNode(ts.SyntaxKind.BooleanKeyword);
      break;
    case "object":
      node = f.createTypeReferenceNode(ctx.useType("flocode", "OktaObject"));
      break;
    default:
      return undefined;
  }
  return pick.collection ? f.createArrayTypeNode(node) : node;
}

function constDecl(name: string, init: ts.Expression): ts.Statement {
  return f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(name, undefined, undefined, init)], ts.NodeFlags.Const));
}

function assign(name: string, value: ts.Expression): ts.Statement {
  return f.createExpressionStatement(f.createBinaryExpression(f.createIdentifier(name), ts.SyntaxKind.EqualsToken, value));
}

