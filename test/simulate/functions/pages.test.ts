/**
 * The conformance cases cite only pages that were found and read (pages.ts), and say what they assume wherever
 * a card has no page: a case cannot name a page it does not follow.
 */
import { describe, expect, it } from "vitest";
import { functionCards } from "../../../src/simulate/functions/index.js";
import { CASE_FILES } from "./cases/index.js";
import { CARD_DOCS, CITABLE, NO_PAGE, PAGES } from "./pages.js";

const cases = CASE_FILES.flatMap(([, list]) => list);

describe("the documentation the conformance cases follow", () => {
  it("names a page, or that none was found, for every card of the library", () => {
    expect(Object.keys(CARD_DOCS).sort()).toEqual([...functionCards.keys()].sort());
  });

  it("is cited by every case as one of the pages read, or as no page", () => {
    const unknown = cases.filter((c) => c.doc !== NO_PAGE && !CITABLE.has(c.doc)).map((c) => `${c.card}: ${c.doc}`);
    expect(unknown).toEqual([]);
  });

  it("leaves no case of a card without a page without saying what it assumes", () => {
    const silent = cases.filter((c) => c.doc === NO_PAGE && !c.assumed).map((c) => `${c.card}: ${c.title}`);
    expect(silent).toEqual([]);
  });

  it("never names a page for a card whose page was not found, nor NO_PAGE for a card that has one", () => {
    const wrong = cases
      .filter((c) => {
        const doc = CARD_DOCS[c.card];
        return doc !== undefined && ("notFound" in doc ? c.doc !== NO_PAGE : c.doc === NO_PAGE);
      })
      .map((c) => `${c.card}: ${c.title}`);
    expect(wrong).toEqual([]);
  });

  it("has cases for every card, and every page it lists is cited", () => {
    const tested = new Set(cases.map((c) => c.card));
    expect([...functionCards.keys()].filter((card) => !tested.has(card))).toEqual([]);
    const cited = new Set(cases.map((c) => c.doc));
    expect(
      Object.entries(PAGES)
        .filter(([, page]) => !cited.has(page.url))
        .map(([name]) => name),
    ).toEqual([]);
  });

  it("lists only addresses of Okta's help center, Okta's support, or posts by Okta's Workflows team", () => {
    const hosts = new Set(Object.values(PAGES).map((page) => new URL(page.url).host));
    expect([...hosts].sort()).toEqual(["help.okta.com", "maxkatz.net", "support.okta.com", "www.okta.com"]);
  });
});
