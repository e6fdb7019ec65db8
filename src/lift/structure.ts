/**
 * The structure of one flow scope (a flow's top level or an inline flow), recovered from its cards and control
 * edges: the start card, the order the cards run in, and the blocks of each card with branches (If/Else) with the
 * Join they meet at. One algorithm for every reader: import (codegen) walks an IR scope in storage order, so that
 * the code it writes builds back into the same flopack; the review tools walk a flopack's raw scope in an order
 * derived from content, so that ids and storage order never show. The caller says which order (`WalkOrder`).
 *
 * The walk goes depth first from the root along control edges. A card is walked once all its predecessors are (a
 * Join waits for every branch). A card with branches walks each branch as a block of its own; inside a block an
 * edge into a Join does not go on: it tells which Join the block meets at. After its blocks, the card goes on with
 * that Join (the one its blocks reach most often; without waiting for predecessors outside the blocks), then with
 * its own successors. Whatever the root's walk does not
 * reach is walked afterwards, from each other start card first, then from each card left, in order; such a walk
 * starts without waiting for predecessors. Cycles, dangling edges and several start cards never hang or throw.
 */
import { parseAddress } from "../shapes/address.js";

/** An If/Else branch: the card it starts with, and the value it runs on (true: then, false: else). */
export interface StructureBranch {
  readonly head: string;
  readonly value: unknown;
}

/** What the walk reads of a card. An `IrCard` is one; the review tools adapt a raw method. */
export interface StructureCard {
  readonly ref: string;
  readonly address: string;
  readonly branches: readonly StructureBranch[];
}

/** What the walk reads of a scope: cards and control edges `[from, to]`, both in storage order. An `IrScope` is one. */
export interface StructureScope<C extends StructureCard> {
  readonly cards: readonly C[];
  readonly orderings: Iterable<readonly [string, string]>;
}

/** One walked card; a card with branches holds one block per branch and the Join they meet at. */
export interface StructureStep<C> {
  card: C;
  blocks: Array<StructureBlock<C>>;
  /** The Join the blocks reach most often (it follows the card when it can run there); undefined without one. */
  join: C | undefined;
}

export interface StructureBlock<C> {
  branch: StructureBranch;
  head: C;
  /** The branch's cards in execution order, its head first (empty when the head was walked elsewhere). */
  steps: Array<StructureStep<C>>;
}

export interface ScopeStructure<C> {
  /** The root's step: the first start card. */
  root: StructureStep<C> | undefined;
  /** What runs after the root, in execution order. */
  steps: Array<StructureStep<C>>;
  /** What the root's walk does not reach: one list per walk from a card left over. */
  unreachable: Array<Array<StructureStep<C>>>;
  /** Cards with no incoming edge that are not branch heads (comments aside), the root first. */
  starts: C[];
  /** Comment cards with no incoming edge, when the walk sets them aside (`notes`); else empty. */
  notes: C[];
}

/**
 * The orders the walk follows where it must choose; each one left out means storage order (cards, edges and
 * branches as the scope lists them).
 */
export interface WalkOrder<C extends StructureCard> {
  /** Successors of a card, Joins competing for one If, cards left over. */
  cards?: (a: C, b: C) => number;
  /** The blocks of one card. */
  branches?: (a: StructureBranch, b: StructureBranch) => number;
  /** Start cards: the first is the root. */
  starts?: (a: C, b: C) => number;
  /** Comment cards with no incoming edge are notes, never walked (the review tools); else they are cards left over. */
  notes?: boolean;
}

type Role = "join" | "comment" | "card";

/** A scope indexed for the walk: the cards it walks, their control edges both ways, the branch heads. */
export interface ScopeIndex<C extends StructureCard> {
  /** The cards walked (hidden ones left out), in storage order. */
  readonly cards: readonly C[];
  card(ref: string): C | undefined;
  /** Distinct successors in edge order, self-loops left out. */
  successors(ref: string): readonly string[];
  /** Distinct predecessors in edge order, self-loops left out. */
  predecessors(ref: string): readonly string[];
  isBranchHead(ref: string): boolean;
  isJoin(ref: string): boolean;
  isComment(ref: string): boolean;
  /** Edges with an end that is no card of the scope (hidden cards count as cards). */
  readonly dangling: number;
}

const NONE: readonly string[] = [];

/**
 * Indexes a scope. `hidden` cards are left out with their edges (the review tools hide Object Expand cards, which
 * Okta splices into the chain beside their source card).
 */
export function indexScope<C extends StructureCard>(scope: StructureScope<C>, hidden?: (card: C) => boolean): ScopeIndex<C> {
  const all = new Map<string, C>();
  for (const c of scope.cards) if (!all.has(c.ref)) all.set(c.ref, c);
  const cards = hidden ? scope.cards.filter((c) => !hidden(c)) : scope.cards;
  const byRef = new Map<string, C>();
  for (const c of cards) if (!byRef.has(c.ref)) byRef.set(c.ref, c);
  const succ = new Map<string, string[]>();
  const pred = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, value: string): void => {
    const list = map.get(key);
    if (!list) map.set(key, [value]);
    else if (!list.includes(value)) list.push(value);
  };
  let dangling = 0;
  for (const [a, b] of scope.orderings) {
    if (!all.has(a) || !all.has(b)) {
      dangling++;
      continue;
    }
    if (a === b || !byRef.has(a) || !byRef.has(b)) continue;
    add(succ, a, b);
    add(pred, b, a);
  }
  const heads = new Set<string>();
  for (const c of byRef.values()) for (const b of c.branches) heads.add(b.head);
  const roles = new Map<string, Role>();
  const role = (ref: string): Role => {
    let r = roles.get(ref);
    if (r === undefined) roles.set(ref, (r = roleOf(byRef.get(ref)?.address)));
    return r;
  };
  return {
    cards,
    card: (ref) => byRef.get(ref),
    successors: (ref) => succ.get(ref) ?? NONE,
    predecessors: (ref) => pred.get(ref) ?? NONE,
    isBranchHead: (ref) => heads.has(ref),
    isJoin: (ref) => role(ref) === "join",
    isComment: (ref) => role(ref) === "comment",
    dangling,
  };
}

/** Join and Comment cards of any version (the walk reads what a card is, not which release wrote it). */
function roleOf(address: string | undefined): Role {
  const a = address === undefined ? undefined : parseAddress(address);
  if (a?.kind !== "kernel" || a.module !== "control") return "card";
  return a.key === "join" ? "join" : a.key === "comment" ? "comment" : "card";
}

/** Start cards: no incoming edge, no branch head, no comment; in `order.starts` (else storage order). */
export function startCards<C extends StructureCard>(index: ScopeIndex<C>, order: WalkOrder<C> = {}): C[] {
  const starts = index.cards.filter((c) => index.predecessors(c.ref).length === 0 && !index.isBranchHead(c.ref) && !index.isComment(c.ref));
  return order.starts ? starts.sort(order.starts) : starts;
}

/** A sequence of steps being walked: what is still to visit (a stack), and the Join counts of its branching card. */
interface Sequence<C> {
  steps: Array<StructureStep<C>>;
  pending: Array<{ ref: string; force: boolean }>;
  /** Inside a block: how often the block's cards point at each Join. */
  joins: Map<string, number> | null;
}

/** After the blocks of `step` are walked: go on with its Join, then with `onward`, in `sequence`. */
interface AfterBranches<C> {
  step: StructureStep<C>;
  sequence: Sequence<C>;
  joins: Map<string, number>;
  onward: string[];
}

export function recoverStructure<C extends StructureCard>(index: ScopeIndex<C>, order: WalkOrder<C> = {}): ScopeStructure<C> {
  const visited = new Set<string>();
  const card = (ref: string): C => index.card(ref)!;
  const byCards = order.cards ? (a: string, b: string) => order.cards!(card(a), card(b)) : undefined;
  const ready = (ref: string): boolean => index.predecessors(ref).every((p) => visited.has(p));

  const push = (sequence: Sequence<C>, refs: readonly string[]): void => {
    for (let i = refs.length - 1; i >= 0; i--) sequence.pending.push({ ref: refs[i]!, force: false });
  };

  // Iterative (an explicit stack of tasks), so that a chain of 100k cards or deep nesting never overflows the stack.
  const walkFrom = (start: string, force: boolean): Array<StructureStep<C>> => {
    const top: Sequence<C> = { steps: [], pending: [{ ref: start, force }], joins: null };
    const tasks: Array<Sequence<C> | AfterBranches<C>> = [top];
    while (tasks.length > 0) {
      const task = tasks[tasks.length - 1]!;
      if ("step" in task) {
        tasks.pop();
        continueAfterBranches(task);
        continue;
      }
      const item = task.pending.pop();
      if (!item) {
        tasks.pop();
        continue;
      }
      // A card met before all its predecessors are walked is walked later, from its last predecessor, or at the end.
      if (visited.has(item.ref) || (!item.force && !ready(item.ref))) continue;
      visited.add(item.ref);
      const c = card(item.ref);
      const step: StructureStep<C> = { card: c, blocks: [], join: undefined };
      task.steps.push(step);
      const next = byCards ? [...index.successors(item.ref)].sort(byCards) : index.successors(item.ref);
      const onward: string[] = [];
      for (const n of next) {
        if (task.joins && index.isJoin(n)) task.joins.set(n, (task.joins.get(n) ?? 0) + 1);
        else onward.push(n);
      }
      const branches = c.branches.filter((b) => index.card(b.head) !== undefined);
      if (branches.length === 0) {
        push(task, onward);
        continue;
      }
      if (order.branches) branches.sort(order.branches);
      const joins = new Map<string, number>();
      tasks.push({ step, sequence: task, joins, onward });
      const blocks = branches.map((branch): StructureBlock<C> => ({ branch, head: card(branch.head), steps: [] }));
      step.blocks.push(...blocks);
      for (let i = blocks.length - 1; i >= 0; i--)
        tasks.push({ steps: blocks[i]!.steps, pending: [{ ref: blocks[i]!.head.ref, force: false }], joins });
    }
    return top.steps;
  };

  const continueAfterBranches = ({ step, sequence, joins, onward }: AfterBranches<C>): void => {
    const met = [...joins.entries()].sort((x, y) => y[1] - x[1] || (byCards ? byCards(x[0], y[0]) : 0)).map(([ref]) => ref);
    step.join = met[0] === undefined ? undefined : card(met[0]);
    push(sequence, [...met, ...onward]);
    // The Join follows its blocks even when a predecessor of it is walked elsewhere (or nowhere): it is reached.
    if (met[0] !== undefined) sequence.pending[sequence.pending.length - 1]!.force = true;
  };

  const notes = order.notes
    ? index.cards.filter((c) => index.isComment(c.ref) && index.predecessors(c.ref).length === 0 && !index.isBranchHead(c.ref))
    : [];
  for (const n of notes) visited.add(n.ref);
  const starts = startCards(index, order);
  const walked = starts[0] ? walkFrom(starts[0].ref, true) : [];
  const unreachable: Array<Array<StructureStep<C>>> = [];
  const left = index.cards.filter((c) => !visited.has(c.ref));
  if (order.cards) left.sort(order.cards);
  for (const c of [...starts.slice(1), ...left]) if (!visited.has(c.ref)) unreachable.push(walkFrom(c.ref, true));
  return { root: walked[0], steps: walked.slice(1), unreachable, starts, notes };
}

/** Steps and the steps of their blocks, in execution order (a card before its blocks). */
export function flattenSteps<C>(steps: ReadonlyArray<StructureStep<C>>): Array<StructureStep<C>> {
  const out: Array<StructureStep<C>> = [];
  const stack: Array<StructureStep<C>> = [...steps].reverse();
  while (stack.length > 0) {
    const step = stack.pop()!;
    out.push(step);
    for (let b = step.blocks.length - 1; b >= 0; b--)
      for (let i = step.blocks[b]!.steps.length - 1; i >= 0; i--) stack.push(step.blocks[b]!.steps[i]!);
  }
  return out;
}

/** Every step of a structure in execution order: the root, what follows it, then what it does not reach. */
export function structureSteps<C>(structure: ScopeStructure<C>): Array<StructureStep<C>> {
  return flattenSteps([...(structure.root ? [structure.root] : []), ...structure.steps, ...structure.unreachable.flat()]);
}
