/**
 * What the modules writing one flow file share: the flow and what it is written against (pack names, catalog,
 * the file's imports and names), the index built before anything is written (`FlowIndex`), the variables of
 * the cards and which of them hold their card at the point being written (`CardVariables`), the pins already
 * written in place as references, and the report (cards written, raw cards, what the DSL cannot express).
 *
 * Writing is recursive (a card's spec may hold an inline flow, whose cards have specs): the one way back from a
 * value to a scope body is `inlineFlow`, given by flow-file.ts, so that no module imports a module above it.
 */
import type { ts } from "ts-morph";
import type { Catalog } from "../catalog/store.js";
import type { IrCard, IrFlow, IrPin, IrScope, IrTableColumn } from "../ir/types.js";
import type { CardModel } from "./card-model.js";
import type { FoldedExpand } from "./expand.js";
import { FileContext } from "./file-context.js";
import { builderName } from "./names.js";
import type { ScopePlan } from "./structure.js";
import { NO_WORMHOLES, type WormholePlan } from "./wormholes.js";
import type { OutputTyping } from "./output-access.js";

/** What a flow file can import from the rest of the generated pack. */
export interface PackNames {
  connection(ref: string): string | undefined;
  folder(ref: string): string | undefined;
  table(ref: string): string | undefined;
  /** A table's columns (Tables cards get one field per column). */
  tableColumns(ref: string): readonly IrTableColumn[] | undefined;
  /** The module and default-import binding of a flow's file. */
  flow(ref: string): { module: string; binding: string; name: string } | undefined;
  /** The resources module's binding of a flow kept elsewhere (`externalFlow(...)`). */
  externalFlow(ref: string): string | undefined;
  /** The parameters of a helper flow some card of the pack calls it without (written optional). */
  unmappedParams(ref: string): ReadonlySet<string>;
  /** Every identifier the resources module exports (reserved in flow files). */
  reserved: readonly string[];
}

export const RESOURCES_MODULE = "./resources.js";

export interface RawCardReport {
  card: string;
  address: string;
  /** The escape hatches used: `patch`, `removeInputs`, `custom inputs "x": value.available`... */
  why: string[];
}

/** One scope of the flow (the top level or an inline flow), numbered in the order it was indexed. */
export interface ScopeInfo {
  id: number;
  parent: number | undefined;
  plan: ScopePlan;
  scope: IrScope;
}

/** A card and one of its pins, seen from the pin's target. */
export interface IncomingPin {
  source: IrCard;
  pin: IrPin;
}

/** Writes an inline flow as `inline(rootSpec, (g) => {...})`, evaluated in scope `parentScope`. */
export type InlineFlowWriter = (w: FlowContext, scope: IrScope, parentScope: number) => ts.Expression;

export class FlowContext {
  readonly file: FileContext;
  readonly index = new FlowIndex();
  readonly vars = new CardVariables();
  /** Pins written as refs inside their target's spec (decided while writing specs, before deferred statements). */
  readonly pinsInPlace = new Set<IrPin>();
  /** The output names each card's TypeScript type lists, recorded as its spec is written (output-access.ts). */
  readonly typings = new Map<string, OutputTyping>();
  /** Cards written (for the import report). */
  cards = 0;
  readonly raw: RawCardReport[] = [];
  /** IR facts the DSL cannot express (the round trip will differ there). */
  readonly lossy: string[] = [];
  /** How deep the If/Else being written is nested (names its branch parameters). */
  branchDepth = 0;
  private blockBuilders = 0;

  constructor(
    readonly flow: IrFlow,
    readonly pack: PackNames,
    readonly catalog: Catalog,
    private readonly writeInlineFlow: InlineFlowWriter,
  ) {
    this.file = new FileContext(pack.reserved);
  }

  countCard(n = 1): void {
    this.cards += n;
  }

  /** The builder parameter of the next inline-flow body (`g1`, `g2`...). */
  nextBlockBuilder(): string {
    this.blockBuilders++;
    return builderName("g", this.blockBuilders);
  }

  inlineFlow(scope: IrScope, parentScope: number): ts.Expression {
    return this.writeInlineFlow(this, scope, parentScope);
  }

  model(ref: string): CardModel {
    return this.index.models.get(ref)!;
  }
}

/** What is known of the flow before anything is written: its scopes and plans, every card and how lower sees it. */
export class FlowIndex {
  readonly scopes: ScopeInfo[] = [];
  readonly scopeById = new Map<number, IrScope>();
  readonly scopeOfCard = new Map<string, number>();
  readonly cardsByRef = new Map<string, IrCard>();
  readonly models = new Map<string, CardModel>();
  /** If cards written with `ifElse`. */
  readonly folded = new Set<string>();
  /** Expand cards written with `f.expand`: by source card ref; by expand card ref (with their field variables). */
  readonly expands = new Map<string, FoldedExpand[]>();
  readonly expandOf = new Map<string, { fold: FoldedExpand; names: string[] }>();
  /** Wormholes left to lower: outer values used inside inline flows as plain references. */
  wormholes: WormholePlan = NO_WORMHOLES;
  /** Per scope: target card → the pins into it. */
  private readonly pinIndex = new Map<number, Map<string, IncomingPin[]>>();

  pinsInto(target: IrCard): IncomingPin[] {
    const id = this.scopeOfCard.get(target.ref);
    if (id === undefined) return []; // the event card of an event() trigger: nothing pins into it
    let index = this.pinIndex.get(id);
    if (!index) {
      index = new Map();
      for (const c of this.scopeById.get(id)!.cards)
        for (const p of c.pins) (index.get(p.target) ?? index.set(p.target, []).get(p.target)!).push({ source: c, pin: p });
      this.pinIndex.set(id, index);
    }
    return index.get(target.ref) ?? [];
  }

  /** Whether a card's variable is in lexical scope from code written in scope `from` (its own or an enclosing scope). */
  visibleFrom(ref: string, from: number): boolean {
    const target = this.scopeOfCard.get(ref);
    for (let s: number | undefined = from; s !== undefined; s = this.scopes[s]!.parent) if (s === target) return true;
    return false;
  }

  infoOf(scope: IrScope): ScopeInfo | undefined {
    return this.scopes.find((s) => s.scope === scope);
  }
}

/**
 * The variables cards are written into, those declared `let` at the top (hoisted: referred to from where the
 * card's own scope is not visible), and the cards whose variable holds the card at the point being written.
 */
export class CardVariables {
  private readonly names = new Map<string, string>();
  readonly hoisted = new Set<string>();
  private readonly declared = new Set<string>();
  /** Per scope being written (innermost last): cards declared since, for its deferred statements. */
  private readonly queues: string[][] = [];

  name(ref: string): string | undefined {
    return this.names.get(ref);
  }

  setName(ref: string, name: string): void {
    this.names.set(ref, name);
  }

  isDeclared(ref: string): boolean {
    return this.declared.has(ref);
  }

  /** A card's variable now holds its handle (statements waiting on it may be written). */
  declare(ref: string): void {
    this.declared.add(ref);
    this.queues.at(-1)?.push(ref);
  }

  /** Branch cards are constants of the branch's function: out of scope after it. */
  forget(ref: string): void {
    this.declared.delete(ref);
  }

  /** The cards declared while a scope body is written, in order (until `closeScope`). */
  openScope(): readonly string[] {
    const queue: string[] = [];
    this.queues.push(queue);
    return queue;
  }

  closeScope(): void {
    this.queues.pop();
  }

  /** Writes an inline flow's body: its cards are not visible (nor declared) outside it. */
  insideInlineFlow<T>(write: () => T): T {
    const saved = new Set(this.declared);
    const result = write();
    this.declared.clear();
    for (const r of saved) this.declared.add(r);
    return result;
  }
}
