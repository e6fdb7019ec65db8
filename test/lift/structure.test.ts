/**
 * The structure recovery of a flow scope (src/lift/structure.ts), on small scopes built by hand: root finding, joins
 * waiting for their predecessors, If/Else blocks and their Join, cards left unreachable, comments, self-loops,
 * malformed graphs, and an order that depends on content only when the caller supplies one.
 */
import { describe, expect, it } from "vitest";
import {
  indexScope,
  recoverStructure,
  startCards,
  structureSteps,
  type ScopeStructure,
  type StructureCard,
  type StructureStep,
  type WalkOrder,
} from "../../src/lift/structure.js";
import { kernelAddress } from "../../src/shapes/address.js";
import { CALLABLE_ADDRESS, COMMENT_ADDRESS, EXPAND_ADDRESS, IF_ADDRESS, JOIN_ADDRESS, NOOP_ADDRESS } from "../../src/shapes/known-cards.js";

interface TestCard extends StructureCard {
  branches: Array<{ head: string; value: unknown }>;
}

const CONCAT = kernelAddress("string", "concat");

function card(ref: string, address = CONCAT, branches: Record<string, boolean> = {}): TestCard {
  return { ref, address, branches: Object.entries(branches).map(([head, value]) => ({ head, value })) };
}

/** `a>b>c` → edges a→b, b→c; several chains separated by spaces. */
function edges(text: string): Array<[string, string]> {
  return text
    .split(/\s+/)
    .filter((s) => s !== "")
    .flatMap((chain) => {
      const refs = chain.split(">");
      return refs.slice(1).map((b, i): [string, string] => [refs[i]!, b]);
    });
}

/** A readable outline: blocks as `if[true: ... / false: ...]`, each unreachable walk in parentheses. */
function outline(s: ScopeStructure<TestCard>): { root: string; steps: string; unreachable: string; notes: string } {
  const steps = (list: ReadonlyArray<StructureStep<TestCard>>): string =>
    list
      .map((st) =>
        st.blocks.length === 0
          ? st.card.ref
          : `${st.card.ref}[${st.blocks.map((b) => `${String(b.branch.value)}: ${steps(b.steps)}`).join(" / ")}]`,
      )
      .join(" ");
  return {
    root: s.root?.card.ref ?? "",
    steps: steps(s.steps),
    unreachable: s.unreachable.map((w) => `(${steps(w)})`).join(" "),
    notes: s.notes.map((n) => n.ref).join(" "),
  };
}

/** The outline written as `root | steps | unreachable | notes`. */
function o(text: string): ReturnType<typeof outline> {
  const [root = "", steps = "", unreachable = "", notes = ""] = text.split("|").map((x) => x.trim());
  return { root, steps, unreachable, notes };
}

function recover(
  cards: TestCard[],
  orderings: Array<[string, string]>,
  order: WalkOrder<TestCard> = {},
  hidden?: (c: TestCard) => boolean,
): ScopeStructure<TestCard> {
  return recoverStructure(indexScope({ cards, orderings }, hidden), order);
}

/** A flow: start → a → If(then: t → x; else: e → y) → Join → z, every branch card also pointing at the Join. */
function ifElseFlow(): { cards: TestCard[]; orderings: Array<[string, string]> } {
  return {
    cards: [
      card("start", CALLABLE_ADDRESS),
      card("a"),
      card("if", IF_ADDRESS, { t: true, e: false }),
      card("t", NOOP_ADDRESS),
      card("x"),
      card("e", NOOP_ADDRESS),
      card("y"),
      card("join", JOIN_ADDRESS),
      card("z"),
    ],
    orderings: edges("start>a>if t>x>join t>join e>y>join e>join join>z"),
  };
}

/** Every permutation's copy: cards and orderings shuffled (deterministically), branches reversed. */
function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe("structure recovery: start cards and the root", () => {
  it("the root is the start card: no incoming edge, no branch head, no comment", () => {
    const s = recover(
      [
        card("note", COMMENT_ADDRESS),
        card("t", NOOP_ADDRESS),
        card("if", IF_ADDRESS, { t: true }),
        card("b"),
        card("start", CALLABLE_ADDRESS),
      ],
      edges("start>if b>start"),
    );
    // b has no incoming edge either: it comes first in storage order, so it is the root; start follows it.
    expect(outline(s)).toEqual(o("b | start if[true: t] | (note)"));
  });

  it("several start cards: the first in the caller's start order is the root, the others walk first among the cards left over", () => {
    const cards = [card("other"), card("o2"), card("start", CALLABLE_ADDRESS), card("s2"), card("lone")];
    const orderings = edges("other>o2 start>s2 lone>lone");
    expect(outline(recover(cards, orderings))).toEqual(o("other | o2 | (start s2) (lone)"));
    const trigger: WalkOrder<TestCard> = {
      starts: (a, b) => Number(b.address === CALLABLE_ADDRESS) - Number(a.address === CALLABLE_ADDRESS),
    };
    const s = recover(cards, orderings, trigger);
    expect(outline(s)).toEqual(o("start | s2 | (other o2) (lone)"));
    expect(s.starts.map((c) => c.ref)).toEqual(["start", "other", "lone"]);
  });

  it("startCards agrees with the walk's root, and finds none in a cycle", () => {
    const { cards, orderings } = ifElseFlow();
    expect(startCards(indexScope({ cards, orderings })).map((c) => c.ref)).toEqual(["start"]);
    const cycle = recover([card("a"), card("b")], edges("a>b>a"));
    expect(cycle.root).toBeUndefined();
    expect(outline(cycle)).toEqual(o(" |  | (a b)"));
  });
});

describe("structure recovery: the walk", () => {
  it("walks an If/Else as two blocks, then its Join and what follows", () => {
    const { cards, orderings } = ifElseFlow();
    const s = recover(cards, orderings);
    expect(outline(s)).toEqual(o("start | a if[true: t x / false: e y] join z |"));
    const ifStep = s.steps[1]!;
    expect(ifStep.join?.ref).toBe("join");
    expect(ifStep.blocks.map((b) => b.head.ref)).toEqual(["t", "e"]);
    expect(structureSteps(s).map((st) => st.card.ref)).toEqual(["start", "a", "if", "t", "x", "e", "y", "join", "z"]);
  });

  it("nests an If/Else inside a branch: the inner Join closes the inner block, the outer Join follows the outer If", () => {
    const cards = [
      card("start", CALLABLE_ADDRESS),
      card("if", IF_ADDRESS, { t: true, e: false }),
      card("t", NOOP_ADDRESS),
      card("inner", IF_ADDRESS, { it: true, ie: false }),
      card("it", NOOP_ADDRESS),
      card("ie", NOOP_ADDRESS),
      card("ij", JOIN_ADDRESS),
      card("e", NOOP_ADDRESS),
      card("join", JOIN_ADDRESS),
    ];
    const orderings = edges("start>if t>inner t>join it>ij ie>ij ij>join e>join");
    expect(outline(recover(cards, orderings))).toEqual(o("start | if[true: t inner[true: it / false: ie] ij / false: e] join |"));
  });

  it("a card waits for all its predecessors, whatever the order of the edges", () => {
    // Okta splices an Object Expand card between a card and the next: start → expand → b, and start → b.
    const cards = [card("start", CALLABLE_ADDRESS), card("b"), card("expand", EXPAND_ADDRESS), card("c")];
    for (const orderings of [edges("start>b start>expand>b>c"), edges("start>expand>b>c start>b")]) {
      expect(outline(recover(cards, orderings))).toEqual(o("start | expand b c |"));
    }
    // Hidden cards are left out with their edges.
    expect(outline(recover(cards, edges("start>b start>expand>b>c"), {}, (c) => c.address === EXPAND_ADDRESS))).toEqual(o("start | b c |"));
  });

  it("walks a fork depth first: the first successor's cards, then the second's", () => {
    expect(outline(recover([card("a"), card("b"), card("c"), card("d")], edges("a>b>d a>c")))).toEqual(o("a | b d c |"));
  });

  it("the Join follows its blocks even when another predecessor of it is never reached", () => {
    const { cards, orderings } = ifElseFlow();
    const s = recover([...cards, card("stray")], [...orderings, ["ghost", "stray"], ["stray", "join"]]);
    expect(outline(s)).toEqual(o("start | a if[true: t x / false: e y] join z | (stray)"));
  });

  it("self-loops neither hold a card back nor make it a successor of itself", () => {
    expect(outline(recover([card("a"), card("b"), card("c")], edges("a>a a>b>b>c c>c")))).toEqual(o("a | b c |"));
  });

  it("keeps what the root cannot reach, walk by walk; dangling edges are counted, never followed", () => {
    const cards = [card("start", CALLABLE_ADDRESS), card("a"), card("b"), card("c")];
    const index = indexScope({ cards, orderings: [...edges("start>a b>c"), ["a", "nowhere"], ["nowhere", "b"]] });
    expect(index.dangling).toBe(2);
    expect(outline(recoverStructure(index))).toEqual(o("start | a | (b c)"));
  });

  it("cards in a cycle that nothing leads into are walked once, from the first of them", () => {
    expect(outline(recover([card("start"), card("a"), card("b"), card("c")], edges("start a>b>c>a")))).toEqual(o("start |  | (a b c)"));
  });

  it("walks a chain of 100,000 cards without overflowing the stack", () => {
    const cards = Array.from({ length: 100_000 }, (_, i) => card(`c${i}`));
    const orderings = cards.slice(1).map((c, i): [string, string] => [cards[i]!.ref, c.ref]);
    const s = recover(cards, orderings);
    expect(s.steps.length).toBe(99_999);
    expect(s.steps.at(-1)?.card.ref).toBe("c99999");
  });
});

describe("structure recovery: comments", () => {
  const cards = [card("start", CALLABLE_ADDRESS), card("a"), card("c", COMMENT_ADDRESS), card("note", COMMENT_ADDRESS), card("b")];
  const orderings = edges("start>a>c>b note>b");

  it("a Comment card in the chain is a step like any card", () => {
    const s = recover(cards, orderings, { notes: true });
    expect(outline(s)).toEqual(o("start | a c b |  | note"));
  });

  it("a free-standing comment is a note when the caller asks (the review tools), else a card left over that its successors wait for", () => {
    expect(outline(recover(cards, orderings, { notes: true }))).toEqual(o("start | a c b |  | note"));
    // b waits for the comment: it is walked from it, after the root's walk.
    expect(outline(recover(cards, orderings))).toEqual(o("start | a c | (note b)"));
  });

  it("a comment pointing only at a Join does not hold the Join back after its If", () => {
    const { cards: flow, orderings: flowEdges } = ifElseFlow();
    const s = recover([...flow, card("n", COMMENT_ADDRESS)], [...flowEdges, ["n", "join"]]);
    expect(outline(s)).toEqual(o("start | a if[true: t x / false: e y] join z | (n)"));
  });
});

describe("structure recovery: order", () => {
  const byRef = (a: TestCard, b: TestCard): number => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);
  const contentOrder: WalkOrder<TestCard> = {
    cards: byRef,
    branches: (a, b) => Number(b.value === true) - Number(a.value === true),
    starts: byRef,
    notes: true,
  };

  it("with the caller's order, storage order never shows: every shuffled copy gives the same structure", () => {
    const { cards, orderings } = ifElseFlow();
    // A malformed extra: two unreachable chains and a fork, where ties must be broken.
    const extra = [card("u1"), card("u2"), card("v1"), card("v2"), card("f1"), card("f2")];
    const extraEdges = edges("u1>u2 v1>v2 z>f2 z>f1");
    const expected = outline(recover([...cards, ...extra], [...orderings, ...extraEdges], contentOrder));
    expect(expected).toEqual(o("start | a if[true: t x / false: e y] join z f1 f2 | (u1 u2) (v1 v2)"));
    for (let seed = 1; seed <= 20; seed++) {
      const copy = shuffled([...cards, ...extra], seed).map((c) => ({ ...c, branches: shuffled(c.branches, seed) }));
      expect(outline(recover(copy, shuffled([...orderings, ...extraEdges], seed + 100), contentOrder)), `seed ${seed}`).toEqual(expected);
    }
    // The copies do differ where the walk must choose: in storage order they give other structures.
    const inStorageOrder = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) {
      const copy = shuffled([...cards, ...extra], seed).map((c) => ({ ...c, branches: shuffled(c.branches, seed) }));
      inStorageOrder.add(JSON.stringify(outline(recover(copy, shuffled([...orderings, ...extraEdges], seed + 100)))));
    }
    expect(inStorageOrder.size).toBeGreaterThan(1);
  });

  it("without one, storage order decides: successors in edge order, leftovers and branches as stored", () => {
    const cards = [card("a"), card("c"), card("b")];
    expect(outline(recover(cards, edges("a>c a>b")))).toEqual(o("a | c b |"));
    expect(outline(recover(cards, edges("a>b a>c")))).toEqual(o("a | b c |"));
    const { cards: flow, orderings } = ifElseFlow();
    const elseFirst = flow.map((c) => (c.ref === "if" ? card("if", IF_ADDRESS, { e: false, t: true }) : c));
    expect(outline(recover(elseFirst, orderings))).toEqual(o("start | a if[false: e y / true: t x] join z |"));
  });
});
