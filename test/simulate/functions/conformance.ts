/**
 * Conformance cases: each runs one function card (through the harness, on its catalog shape) and checks its
 * outputs or its failure. Every case names the Okta page it follows (one of pages.ts, all found and read), or
 * NO_PAGE when none was found; where the page is silent, or there is none, `assumed` says what the case assumes.
 * Cases are data (cases/*.ts) so docs/simulated-cards.md can count them.
 */
import { describe, expect, it } from "vitest";
import { CardFailure } from "../../../src/simulate/card-function.js";
import { runCard, type RunResult, type RunSpec } from "./harness.js";

export interface ConformanceCase extends RunSpec {
  /** The card type, `module:key`. */
  readonly card: string;
  readonly title: string;
  /** The Okta page the case follows (an address of pages.ts), or NO_PAGE. */
  readonly doc: string;
  /** What the case assumes where the page is silent or there is none (absent: the page's own example or rule). */
  readonly assumed?: string;
  /** Expected outputs by key (or "group.key"); outputs not named are not checked. */
  readonly expect?: Readonly<Record<string, unknown>>;
  /** The card fails: its message contains this text (or matches this pattern). */
  readonly error?: string | RegExp;
  /** The failure's code (default 400). */
  readonly code?: number;
  /** Further checks on the run (tables after the card, ...). */
  readonly check?: (run: RunResult) => void;
}

export function caseTitle(c: ConformanceCase): string {
  return `${c.title} (${c.assumed ? `assumed: ${c.assumed}; ` : ""}${c.doc})`;
}

/** One describe per card, one test per case. */
export function conformance(cases: readonly ConformanceCase[]): void {
  const byCard = new Map<string, ConformanceCase[]>();
  for (const c of cases) byCard.set(c.card, [...(byCard.get(c.card) ?? []), c]);
  for (const [card, list] of byCard) {
    describe(card, () => {
      for (const c of list) it(caseTitle(c), () => runCase(c));
    });
  }
}

export function runCase(c: ConformanceCase): void {
  if (c.error !== undefined) {
    let failure: unknown;
    try {
      runCard(c.card, c);
    } catch (error) {
      failure = error;
    }
    expect(failure, "the card should fail").toBeInstanceOf(CardFailure);
    const message = (failure as CardFailure).message;
    if (typeof c.error === "string") expect(message).toContain(c.error);
    else expect(message).toMatch(c.error);
    expect((failure as CardFailure).code).toBe(c.code ?? 400);
    return;
  }
  const run = runCard(c.card, c);
  for (const [key, value] of Object.entries(c.expect ?? {})) {
    expect(Object.hasOwn(run.out, key), `output ${key} (outputs: ${Object.keys(run.out).join(", ")})`).toBe(true);
    expect(run.out[key], `output ${key}`).toStrictEqual(value);
  }
  c.check?.(run);
}
