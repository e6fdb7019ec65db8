/**
 * Which card of one flow is which card of the other: the trigger with the trigger, then each block's steps by a
 * weighted longest common subsequence over what the cards are (connector + action), preferring equal names and
 * equal content, recursing into the blocks of paired cards; leftovers of one kind and name (or content) on both
 * sides are one card that moved.
 */
import { kindKey } from "./address.js";
import { canonicalJson, isObject } from "./json.js";
import { EmbeddedRef, type Block, type Card, type FlowView } from "./view-types.js";

/** The largest alignment table (cells) built; beyond it lists are aligned greedily (4 bytes a cell: 100 MB). */
const MAX_ALIGNMENT_CELLS = 25_000_000;
const GREEDY_LOOKAHEAD = 50;

export class CardPairing {
  readonly pair = new Map<Card, Card>();
  /** Cards left unpaired by the alignment (some pair later as moves). */
  readonly leftoverA: Card[] = [];
  readonly leftoverB: Card[] = [];
  private readonly signatures = new Map<Card, string>();

  /** `moved` hears of each pair made of leftovers, in order. */
  constructor(private readonly moved: (x: Card, y: Card) => void) {}

  /** Pairs the cards of two flows: trigger, steps, unreachable cards, then moves. */
  pairFlows(a: FlowView, b: FlowView): void {
    if (a.trigger && b.trigger) this.pairCards(a.trigger, b.trigger);
    else {
      if (a.trigger) this.leftoverA.push(a.trigger);
      if (b.trigger) this.leftoverB.push(b.trigger);
    }
    this.alignLists(a.steps, b.steps);
    this.alignLists(a.unreachable, b.unreachable);
    this.pairMoves();
  }

  /** Pairs two cards, and the blocks of theirs that have the same label. */
  private pairCards(x: Card, y: Card): void {
    this.pair.set(x, y);
    const blocksY = new Map(y.blocks.map((blk) => [blk.label, blk]));
    const seen = new Set<Block>();
    for (const bx of x.blocks) {
      const by = blocksY.get(bx.label);
      if (by && !seen.has(by)) {
        seen.add(by);
        if (bx.root && by.root) this.pair.set(bx.root, by.root);
        this.alignLists(bx.steps, by.steps);
        this.alignLists(bx.unreachable, by.unreachable);
      } else {
        for (const c of [...bx.steps, ...bx.unreachable]) this.collectLeftover(c, this.leftoverA);
      }
    }
    for (const by of y.blocks) if (!seen.has(by)) for (const c of [...by.steps, ...by.unreachable]) this.collectLeftover(c, this.leftoverB);
  }

  private collectLeftover(card: Card, into: Card[]): void {
    into.push(card);
    for (const blk of card.blocks) for (const c of [...blk.steps, ...blk.unreachable]) this.collectLeftover(c, into);
  }

  /**
   * Weighted LCS: same kind is required; equal name and equal content are preferred.
   * A leading run of cards equal in kind, name and content is paired first: some optimal alignment always pairs such
   * a first pair, and the traceback below would pick it too, so the result is the same while the table (n × m) only
   * covers the rest: diffing a 100k-card flow against a reordered copy of itself no longer needs 10^10 cells.
   * A rest still too large for a table (two long flows that differ from their first card) is aligned greedily.
   */
  private alignLists(xs: Card[], ys: Card[]): void {
    const score = (x: Card, y: Card) => {
      if (kindKey(x.kind) !== kindKey(y.kind)) return 0;
      return 8 + (x.name === y.name ? 4 : 0) + (this.contentSignature(x) === this.contentSignature(y) ? 2 : 0);
    };
    let p = 0;
    while (p < xs.length && p < ys.length && score(xs[p]!, ys[p]!) === 14) {
      this.pairCards(xs[p]!, ys[p]!);
      p++;
    }
    const n = xs.length - p;
    const m = ys.length - p;
    if (n * m > MAX_ALIGNMENT_CELLS) return this.alignGreedily(xs.slice(p), ys.slice(p), score);
    const x = (i: number) => xs[p + i]!;
    const y = (j: number) => ys[p + j]!;
    const dp: Int32Array[] = Array.from({ length: n + 1 }, () => new Int32Array(m + 1));
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--) {
        const s = score(x(i), y(j));
        dp[i]![j] = Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!, s > 0 ? s + dp[i + 1]![j + 1]! : 0);
      }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      const s = score(x(i), y(j));
      if (s > 0 && dp[i]![j] === s + dp[i + 1]![j + 1]!) {
        this.pairCards(x(i), y(j));
        i++;
        j++;
      } else if (dp[i + 1]![j]! >= dp[i]![j + 1]!) this.collectLeftover(x(i++), this.leftoverA);
      else this.collectLeftover(y(j++), this.leftoverB);
    }
    while (i < n) this.collectLeftover(x(i++), this.leftoverA);
    while (j < m) this.collectLeftover(y(j++), this.leftoverB);
  }

  /** In order: a card pairs with the next card of the same kind on the other side, else it is a leftover. */
  private alignGreedily(xs: Card[], ys: Card[], score: (x: Card, y: Card) => number): void {
    let j = 0;
    for (const x of xs) {
      let k = j;
      while (k < ys.length && k < j + GREEDY_LOOKAHEAD && score(x, ys[k]!) === 0) k++;
      if (k === ys.length || k === j + GREEDY_LOOKAHEAD) {
        this.collectLeftover(x, this.leftoverA);
        continue;
      }
      while (j < k) this.collectLeftover(ys[j++]!, this.leftoverB);
      this.pairCards(x, ys[j++]!);
    }
    while (j < ys.length) this.collectLeftover(ys[j++]!, this.leftoverB);
  }

  /** Leftovers of the same kind and name (else same content) on both sides are one card that moved. */
  private pairMoves(): void {
    for (const same of [
      (x: Card, y: Card) => x.name === y.name,
      (x: Card, y: Card) => this.contentSignature(x) === this.contentSignature(y),
    ]) {
      for (const x of [...this.leftoverA].sort((p, r) => p.pos - r.pos)) {
        if (this.pair.has(x)) continue;
        const takenB = new Set(this.pair.values());
        const y = this.leftoverB
          .filter((c) => !takenB.has(c) && kindKey(c.kind) === kindKey(x.kind) && same(x, c))
          .sort((p, r) => p.pos - r.pos)[0];
        if (!y) continue;
        this.pair.set(x, y);
        this.moved(x, y);
        // Its nested blocks pair up with each other like any paired card's.
        this.pairBlocksOfMoved(x, y);
      }
    }
  }

  private pairBlocksOfMoved(x: Card, y: Card): void {
    const blocksY = new Map(y.blocks.map((blk) => [blk.label, blk]));
    for (const bx of x.blocks) {
      const by = blocksY.get(bx.label);
      if (!by) continue;
      if (bx.root && by.root) this.pair.set(bx.root, by.root);
      const steps = [...bx.steps];
      const stepsY = [...by.steps];
      // Children were already collected as leftovers; pair those that line up.
      for (let k = 0; k < Math.min(steps.length, stepsY.length); k++) {
        const cx = steps[k]!;
        const cy = stepsY[k]!;
        if (this.pair.has(cx) || [...this.pair.values()].includes(cy) || kindKey(cx.kind) !== kindKey(cy.kind)) continue;
        this.pair.set(cx, cy);
        this.pairBlocksOfMoved(cx, cy);
      }
    }
  }

  /** A content fingerprint of a card without wires' card identities (used to prefer and to pair moves). */
  private contentSignature(card: Card): string {
    let sig = this.signatures.get(card);
    if (sig === undefined) this.signatures.set(card, (sig = computeSignature(card)));
    return sig;
  }
}

function computeSignature(card: Card): string {
  return canonicalJson({
    o: card.options.map((f) => [f.input, plainValue(f.value)]),
    c: card.constants.map((f) => [f.input, plainValue(f.value)]),
    w: card.wires.map((w) => [w.input, w.sources.map((s) => [s.output, s.path])]),
    k: card.calls.map((f) => [f.input, f.value]),
    t: card.template ? card.template.parts.map((p) => ("text" in p ? p.text : "ref" in p ? p.ref.output : plainValue(p.value))) : null,
    m: card.comment,
  });
}

function plainValue(value: unknown): unknown {
  if (value instanceof EmbeddedRef) return { wire: value.ref.output };
  if (Array.isArray(value)) return value.map(plainValue);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, plainValue(x)]));
  return value;
}
