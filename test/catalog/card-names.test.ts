/** The naming rule of connector action cards (src/catalog/card-names.ts): the card's own name, not an author's rename. */
import { describe, expect, it } from "vitest";
import { CardNames, decisiveName } from "../../src/catalog/card-names.js";

const http = (connector: string, version: string, key: string) => `root:channels:http:${connector}:${version}:${key}`;

function names(sightings: Array<[address: string, name: string, exportId: string]>): CardNames {
  const out = new CardNames();
  for (const [a, n, e] of sightings) out.add(a, n, e);
  return out;
}

describe("a connector action card's own name", () => {
  it("is the name most exports of the family show, counted in exports (not cards) over every version", () => {
    const own = names([
      [http("okta", "1.0.1", "hTTPRequest"), "Custom API Action", "a"],
      [http("okta", "1.0.2", "hTTPRequest"), "Custom API Action", "b"],
      // one author's ten renamed cards are one export
      ...Array.from({ length: 10 }, (_, i): [string, string, string] => [http("okta", "1.0.3", "hTTPRequest"), `Delete Device ${i}`, "c"]),
      [http("okta", "1.0.3", "hTTPRequest"), "Delete Device", "c"],
      [http("okta", "1.0.3", "hTTPRequest"), "Delete Device", "c"],
    ]);
    expect(own.ownName(http("okta", "1.0.3", "hTTPRequest"))).toBe("Custom API Action");
  });

  it("where no name has a majority, is the name deciding for the same action key on other connectors", () => {
    const own = names([
      [http("pagerduty", "1.0.160", "customAPIAction"), "GET Schedule", "p"],
      [http("pagerduty", "1.0.160", "customAPIAction"), "PUT (update) Schedule", "p"],
      [http("slack", "1.0.1", "customAPIAction"), "Custom API Action", "s"],
      [http("jira", "1.0.1", "customAPIAction"), "Custom API Action", "j"],
      [http("jira", "1.0.2", "customAPIAction"), "Custom API Action", "l"],
      [http("jira", "1.0.1", "customAPIAction"), "Create Issue", "k"],
    ]);
    expect(own.ownName(http("pagerduty", "1.0.160", "customAPIAction"))).toBe("Custom API Action");
    // a family that decides keeps its own name, even against other connectors
    expect(own.ownName(http("jira", "1.0.1", "customAPIAction"))).toBe("Custom API Action");
  });

  it("where neither decides, is the family's name most exports show (ties: code-unit order)", () => {
    const own = names([
      [http("acme", "1.0.0", "doIt"), "Zeta", "a"],
      [http("acme", "1.0.0", "doIt"), "Alpha", "b"],
    ]);
    expect(own.ownName(http("acme", "1.0.0", "doIt"))).toBe("Alpha");
  });

  it("names only connector actions", () => {
    const own = names([["root:kernel:control:0.0.1:callable", "My helper", "a"]]);
    expect(own.ownName("root:kernel:control:0.0.1:callable")).toBeUndefined();
    expect(own.ownName(http("okta", "1.0.0", "unseen"))).toBeUndefined();
  });

  it("decides only on a strict majority that no other name ties", () => {
    const of = (o: Record<string, string[]>) => decisiveName(new Map(Object.entries(o).map(([k, v]) => [k, new Set(v)])));
    expect(of({ A: ["1", "2"], B: ["3"] })).toBe("A");
    expect(of({ A: ["1"], B: ["2"] })).toBeUndefined();
    expect(of({ A: ["1"], B: ["1"] })).toBeUndefined();
    expect(of({ A: ["1", "2"], B: ["3"], C: ["4"] })).toBeUndefined();
    expect(of({})).toBeUndefined();
  });
});
