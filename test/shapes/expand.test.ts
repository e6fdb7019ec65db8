import { describe, expect, it } from "vitest";
import { EXPAND_ADDRESS } from "../../src/shapes/known-cards.js";
import { expandPaths, expandRefBase, expandSource, placingOrder } from "../../src/shapes/expand.js";
import { entry, handCard } from "../lift/fixtures.js";

describe("expandSource", () => {
  const uuids = new Set(["SrcCard01", "Other0002"]);

  it("is the card an expand card is named after, when that is a card of the flow", () => {
    expect(expandSource(handCard("Exp000001", "SrcCard01", { address: EXPAND_ADDRESS }), uuids)).toBe("SrcCard01");
  });

  it("is undefined for an expand card named otherwise, and for any other card", () => {
    expect(expandSource(handCard("Exp000001", "Expand", { address: EXPAND_ADDRESS }), uuids)).toBeUndefined();
    expect(expandSource(handCard("Exp000001", "Gone00003", { address: EXPAND_ADDRESS }), uuids)).toBeUndefined();
    expect(expandSource(handCard("Let000001", "SrcCard01"), uuids)).toBeUndefined();
  });
});

describe("expandRefBase", () => {
  it("is a slug of the output key and every field path", () => {
    expect(expandRefBase("Okta User", [["Profile", "Login"], ["ID"]])).toBe("expand-okta-user-profile-login-id");
    expect(expandRefBase("", [])).toBe("expand");
  });
});

describe("expandPaths", () => {
  it("reads metadata.path once per output group, in storage order", () => {
    const outputs = [
      entry({ id: "a", group: "g1", key: "key", metadata: { path: ["Profile", "Login"] } }),
      entry({ id: "b", group: "g1", key: "value", metadata: { path: ["ignored"] } }),
      entry({ id: "c", group: "g2", key: "key", metadata: { path: ["ID"] } }),
      entry({ id: "d", group: "g3", key: "key", metadata: {} }),
      entry({ id: "e", group: "g4", key: "key", metadata: { path: [1, 2] } }),
    ];
    expect(expandPaths(outputs)).toEqual([["Profile", "Login"], ["ID"], ["1", "2"]]);
  });
});

describe("placingOrder", () => {
  const key = (x: string) => x;

  it("puts an item after every item it has an edge to (Okta orders a later expand card before the earlier ones)", () => {
    // c was added first, then b, then a: each later card has edges to the earlier ones.
    expect(
      placingOrder(["a", "b", "c"], key, [
        ["a", "b"],
        ["a", "c"],
        ["b", "c"],
      ]),
    ).toEqual(["c", "b", "a"]);
  });

  it("keeps storage order without edges, and ignores self-loops and edges to other cards", () => {
    expect(placingOrder(["a", "b", "c"], key, [])).toEqual(["a", "b", "c"]);
    expect(
      placingOrder(["a", "b"], key, [
        ["a", "a"],
        ["a", "zz"],
        ["zz", "b"],
      ]),
    ).toEqual(["a", "b"]);
  });

  it("is undefined on a cycle", () => {
    expect(
      placingOrder(["a", "b"], key, [
        ["a", "b"],
        ["b", "a"],
      ]),
    ).toBeUndefined();
  });
});
