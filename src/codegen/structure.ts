/**
 * How codegen writes one flow scope, on the structure lift recovers (src/lift/structure.ts, walked in storage
 * order so that the code builds back into the same flopack): the root, the order cards are written in, the If/Else
 * blocks written with `ifElse` (where the DSL makes exactly what the export has), and for each card the
 * control-flow edge the `f.add` call itself makes.
 */
import type { IrCard, IrScope } from "../ir/types.js";
import { indexScope, recoverStructure, startCards, structureSteps, type ScopeStructure, type StructureBlock } from "../lift/structure.js";
import { COMMENT_ADDRESS, IF_ADDRESS, JOIN_ADDRESS } from "../shapes/known-cards.js";

export interface ScopePlan {
  root: IrCard | undefined;
  /** Cards other than the root, in the order they are written. */
  order: IrCard[];
  /** The same, as written: cards and folded If/Else blocks. */
  steps: Step[];
  /**
   * For each written card: the edge `f.add` makes (`"cursor"`: from the previous chain card; a card ref: from
   * that card via `after`; null: none, `after: null`).
   */
  placement: Map<string, "cursor" | string | null>;
  /** Edges not made by a placement, in storage order: written as `f.edge(a, b)`. */
  edges: Array<[string, string]>;
}

export function planScope(scope: IrScope, fold?: Folding): ScopePlan {
  const structure = recoverStructure(indexScope(scope));
  const root = structure.root?.card;
  const order = structureSteps(structure)
    .map((s) => s.card)
    .filter((c) => c !== root);
  const steps = foldIfElse(scope, structure, order, fold);
  const layout = placeSteps(scope, root, steps);
  return { root, order: flatten(steps), steps, placement: layout.placement, edges: layout.edges };
}

/** One written step: a card placed with `add`, or an If/Else written with `ifElse` (its branches nested). */
export type Step =
  | { kind: "card"; card: IrCard }
  | { kind: "ifElse"; ifCard: IrCard; thenHead: IrCard; elseHead: IrCard; join: IrCard; then: Step[]; otherwise: Step[] };

/** What codegen knows about writing an If/Else with `ifElse`. */
export interface Folding {
  /** Whether the If card, its heads and its join are exactly what `ifElse` makes. */
  cards(ifCard: IrCard, thenHead: IrCard, elseHead: IrCard, join: IrCard): boolean;
  /** Whether the folded block works in context: nothing outside reaches into the branches or the If. */
  accept(step: Extract<Step, { kind: "ifElse" }>, steps: readonly Step[], layout: Layout): boolean;
}

/** Every step, those inside folded branches included. */
export function allSteps(steps: readonly Step[]): Step[] {
  return steps.flatMap((s) => (s.kind === "card" ? [s] : [s, ...allSteps(s.then), ...allSteps(s.otherwise)]));
}

/** The root of a scope: its first start card in storage order. */
export function planRoot(scope: IrScope): IrCard | undefined {
  return startCards(indexScope(scope))[0];
}

export function flatten(steps: readonly Step[]): IrCard[] {
  return steps.flatMap((s) =>
    s.kind === "card" ? [s.card] : [s.ifCard, s.thenHead, s.elseHead, s.join, ...flatten(s.then), ...flatten(s.otherwise)],
  );
}

/**
 * If/Else folding: an If block lift recovered whose two heads lead, each through a plain chain of cards that all
 * also point at its Join, to that Join. Folded only when `ifElse` makes every edge it needs from the stored
 * orderings (checked by placing the steps); else the cards stay as they are.
 */
function foldIfElse(scope: IrScope, structure: ScopeStructure<IrCard>, order: IrCard[], fold: Folding | undefined): Step[] {
  let steps: Step[] = order.map((card) => ({ kind: "card", card }));
  if (!fold) return steps;
  const out = new Map<string, string[]>();
  const inDegree = new Map<string, number>();
  for (const [a, b] of scope.orderings) {
    if (a === b) continue;
    (out.get(a) ?? out.set(a, []).get(a)!).push(b);
    inDegree.set(b, (inDegree.get(b) ?? 0) + 1);
  }
  /** The cards after the head when the block is a plain chain into `join` (what `ifElse` writes), else undefined. */
  const plainChain = (block: StructureBlock<IrCard>, join: IrCard): IrCard[] | undefined => {
    if (block.steps[0]?.card !== block.head || block.steps.some((s) => s.blocks.length > 0)) return undefined;
    const cards = block.steps.map((s) => s.card);
    for (let i = 0; i < cards.length; i++) {
      const next = [...new Set((out.get(cards[i]!.ref) ?? []).filter((r) => r !== join.ref))];
      if (next.length !== (i + 1 < cards.length ? 1 : 0) || (next.length === 1 && next[0] !== cards[i + 1]!.ref)) return undefined;
      if (i === 0) continue;
      const n = cards[i]!;
      if (
        n.branches.length > 0 ||
        n.address === JOIN_ADDRESS ||
        (inDegree.get(n.ref) ?? 0) !== 1 ||
        !(out.get(n.ref) ?? []).includes(join.ref)
      )
        return undefined;
    }
    return cards.slice(1);
  };
  const root = structure.root?.card;
  for (const ifStep of structureSteps(structure)) {
    const ifCard = ifStep.card;
    if (ifCard === root || ifCard.address !== IF_ADDRESS || ifCard.branches.length !== 2) continue;
    const thenBlock = ifStep.blocks.find((b) => b.branch === ifCard.branches.find((x) => x.value));
    const elseBlock = ifStep.blocks.find((b) => b.branch === ifCard.branches.find((x) => !x.value));
    if (!thenBlock || !elseBlock || thenBlock.head === elseBlock.head || (out.get(ifCard.ref) ?? []).length > 0) continue;
    const thenHead = thenBlock.head;
    const elseHead = elseBlock.head;
    const join = ifStep.join;
    if (
      !join ||
      join.address !== JOIN_ADDRESS ||
      !(out.get(thenHead.ref) ?? []).includes(join.ref) ||
      !(out.get(elseHead.ref) ?? []).includes(join.ref)
    )
      continue;
    if (!fold.cards(ifCard, thenHead, elseHead, join)) continue;
    const thenBody = plainChain(thenBlock, join);
    const elseBody = plainChain(elseBlock, join);
    if (!thenBody || !elseBody) continue;
    // Comment cards that only point at the join were placed in a branch (`comment` there links them to it).
    const notes = scope.cards.filter(
      (c) =>
        c.address === COMMENT_ADDRESS &&
        (inDegree.get(c.ref) ?? 0) === 0 &&
        (out.get(c.ref) ?? []).length === 1 &&
        out.get(c.ref)![0] === join.ref &&
        c.pins.length === 0,
    );
    thenBody.push(...notes.filter((c) => order.includes(c)));
    const members = new Set([ifCard, thenHead, elseHead, join, ...thenBody, ...elseBody].map((c) => c.ref));
    if (members.size !== 4 + thenBody.length + elseBody.length) continue;
    const candidate: Step[] = [];
    let inserted = false;
    const taken = new Set<string>();
    for (const st of steps) {
      const cards = st.kind === "card" ? [st.card] : flatten([st]);
      if (cards.some((c) => members.has(c.ref))) {
        if (st.kind !== "card") {
          inserted = false;
          break;
        }
        taken.add(st.card.ref);
        if (!inserted) {
          candidate.push({
            kind: "ifElse",
            ifCard,
            thenHead,
            elseHead,
            join,
            then: thenBody.map((card) => ({ kind: "card", card })),
            otherwise: elseBody.map((card) => ({ kind: "card", card })),
          });
          inserted = true;
        }
      } else candidate.push(st);
    }
    if (!inserted || taken.size !== members.size) continue;
    const layout = placeSteps(scope, root, candidate);
    const step = candidate.find((x): x is Extract<Step, { kind: "ifElse" }> => x.kind === "ifElse" && x.ifCard === ifCard)!;
    if (layout.missing || !fold.accept(step, candidate, layout)) continue;
    steps = candidate;
  }
  return steps;
}

export interface Layout {
  placement: Map<string, "cursor" | string | null>;
  edges: Array<[string, string]>;
  /** An `ifElse` needs an edge the stored orderings do not have. */
  missing: boolean;
}

/** Which edge each `add` makes (from the cursor when it exists, else from another placed card), what `ifElse` makes, and what is left. */
function placeSteps(scope: IrScope, root: IrCard | undefined, steps: readonly Step[]): Layout {
  const remaining = scope.orderings.map(([a, b]) => ({ a, b, used: false }));
  const into = new Map<string, typeof remaining>();
  for (const e of remaining) (into.get(e.b) ?? into.set(e.b, []).get(e.b)!).push(e);
  const placement = new Map<string, "cursor" | string | null>();
  const placed = new Set<string>(root ? [root.ref] : []);
  let missing = false;
  const take = (a: string, b: string): void => {
    const e = into.get(b)?.find((x) => !x.used && x.a === a);
    if (e) e.used = true;
    else missing = true;
  };
  const place = (list: readonly Step[], start: string | undefined, joinTarget: string | undefined): void => {
    let cursor = start;
    for (const st of list) {
      if (st.kind === "card") {
        const card = st.card;
        if (joinTarget) take(card.ref, joinTarget);
        const candidates = (into.get(card.ref) ?? []).filter((e) => !e.used && e.a !== e.b && placed.has(e.a));
        const fromCursor = candidates.find((e) => e.a === cursor);
        const chosen = fromCursor ?? candidates[0];
        if (chosen) {
          chosen.used = true;
          placement.set(card.ref, fromCursor ? "cursor" : chosen.a);
          cursor = card.ref;
        } else placement.set(card.ref, null);
        placed.add(card.ref);
      } else {
        if (joinTarget) take(st.ifCard.ref, joinTarget);
        if (cursor !== undefined) take(cursor, st.ifCard.ref);
        for (const c of [st.ifCard, st.thenHead, st.elseHead, st.join]) placed.add(c.ref);
        take(st.thenHead.ref, st.join.ref);
        place(st.then, st.thenHead.ref, st.join.ref);
        take(st.elseHead.ref, st.join.ref);
        place(st.otherwise, st.elseHead.ref, st.join.ref);
        cursor = st.join.ref;
      }
    }
  };
  place(steps, root?.ref, undefined);
  const edges = remaining.filter((e) => !e.used).map((e): [string, string] => [e.a, e.b]);
  return { placement, edges, missing };
}
