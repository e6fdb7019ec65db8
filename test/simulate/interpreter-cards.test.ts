/**
 * One list of the cards the interpreter runs (src/simulate/interpreter-cards.ts): plan.ts takes each card's kind
 * from it and docs/simulated-cards.md reads it, so the document cannot call a card "interpreter" that a run
 * would hand to the function library (and stop at), nor the other way round.
 */
import { describe, expect, it } from "vitest";
import { functionCards } from "../../src/simulate/functions/index.js";
import { cardKind, INTERPRETER_CARDS } from "../../src/simulate/interpreter-cards.js";
import { simulationOf } from "../../scripts/cards-doc.js";

const START_ONLY = new Set(["control:callable", "http:accept", "http:delegated"]);

describe("the interpreter's card list", () => {
  it("gives every card it names a part of the interpreter to run it (start cards as a scope's first card)", () => {
    for (const type of INTERPRETER_CARDS) {
      const kind = cardKind(type, START_ONLY.has(type), undefined);
      expect(kind, type).not.toBe("function");
      expect(simulationOf(type), type).toBe("interpreter");
    }
    expect(cardKind("control:callable", false, undefined)).toBe("function");
  });

  it("names no card the function library also runs", () => {
    expect([...INTERPRETER_CARDS].filter((type) => functionCards.has(type))).toEqual([]);
  });

  it("hands the cards it does not name to the library (a connector's cards to mocks, Tables to the library)", () => {
    expect(cardKind("string:concat", false, undefined)).toBe("function");
    expect(cardKind("okta:readUser", false, "okta")).toBe("connector");
    expect(cardKind("stash:createRow", false, "stash")).toBe("function");
  });
});
