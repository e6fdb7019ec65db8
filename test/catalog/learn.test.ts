import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../src/ir/types.js";
import { CatalogLearner, learnFromFlopack } from "../../src/catalog/learn.js";
import { Catalog } from "../../src/catalog/store.js";
import { templateOf, variantOf } from "../../src/catalog/template.js";
import { forEachCard } from "../../src/catalog/walk.js";
import { mergeEntries } from "../../src/catalog/entry.js";
import { corpus, readCorpusJson } from "../support/corpus.js";
import { customApiAction, flopackWithInlineFlows } from "./fixtures.js";

function pack(cards: JsonObject[], flowName = "Flow A"): JsonObject {
  return { data: { flos: { x: { id: "x", name: flowName, data: { methods: cards } } } } };
}

describe("learnFromFlopack", () => {
  it("learns the cards of inline flows (flo inputs and policy.error.flo)", () => {
    const entries = learnFromFlopack(flopackWithInlineFlows(), "a.flopack");
    expect(entries.map((e) => e.address)).toEqual([
      "root:kernel:control:0.0.1:callable",
      "root:kernel:control:0.0.1:throw",
      "root:kernel:control:0.0.1:tryCatch",
      "root:kernel:string:0.0.1:concat",
    ]);
    expect(entries.every((e) => e.sources[0] === "a.flopack#Main")).toBe(true);
  });

  it("groups by address and variant, counts, names after the most common name, records choice options", () => {
    const entries = learnFromFlopack(
      pack([
        customApiAction("a", "GET", false, "Get me"),
        customApiAction("b", "DELETE", false),
        customApiAction("c", "GET", false),
        customApiAction("d", "POST", true),
      ]),
      "x.flopack",
    );
    expect(entries).toHaveLength(2);
    const [noBody, withBody] = entries[0]!.count === 3 ? [entries[0]!, entries[1]!] : [entries[1]!, entries[0]!];
    expect(noBody.count).toBe(3);
    expect(noBody.name).toBe("Custom API Action");
    expect(noBody.options).toEqual({ requestType: ["DELETE", "GET"] });
    expect(withBody.options).toEqual({ requestType: "POST" });
    expect(noBody.variant).toBe(variantOf(templateOf(customApiAction("z", "GET", false))));
    expect(noBody.template.uuid).toBe("");
  });

  it("does not depend on card order", () => {
    const cards = [customApiAction("a", "GET", false, "One"), customApiAction("b", "GET", false, "Two")];
    const a = learnFromFlopack(pack(cards), "x.flopack");
    const b = learnFromFlopack(pack([...cards].reverse()), "x.flopack");
    expect(a).toEqual(b);
    expect(a[0]!.name).toBe("One");
  });

  it("prefers a representative whose connector parents carry their ids", () => {
    const withIds = customApiAction("a", "GET", false);
    withIds.parents = { version: { data: { name: "1.0.2", id: 9 } }, channel: { data: { name: "testconn", id: 3 } } };
    const without = customApiAction("b", "GET", false);
    without.parents = { version: { data: { name: "1.0.2" } }, channel: { data: { name: "testconn" } } };
    for (const cards of [[withIds, without], [without, withIds]]) {
      const [entry] = learnFromFlopack(pack(cards), "x.flopack");
      expect(entry!.template.parents).toEqual(withIds.parents);
    }
  });

  it("ignores free-valued options (a table id is instance data)", () => {
    const c = customApiAction("a", "GET", false);
    const inputs = ((c.node as JsonObject).model as JsonObject).inputs as JsonObject;
    (inputs.data as JsonObject).t = { id: "t", group: "parameters", key: "stash", value: { type: "string", collection: false, data: "b6dd9ba6-00b2-4fee-ac95-8a8811f2e683" }, required: false, ref: false, metadata: {}, flags: "p" };
    expect(learnFromFlopack(pack([c]), "x.flopack")[0]!.options).toEqual({ requestType: "GET" });
  });

  it("keeps at most three sources, sorted", () => {
    const learner = new CatalogLearner();
    for (const name of ["d", "b", "a", "c"]) learner.addFlopack(pack([customApiAction("a", "GET", false)], name), "f.flopack");
    expect(learner.entries()[0]!.sources).toEqual(["f.flopack#a", "f.flopack#b", "f.flopack#c"]);
    expect(learner.entries()[0]!.count).toBe(4);
  });

  it("survives __proto__ keys and junk without polluting prototypes", () => {
    const text =
      '{"data":{"flos":{"__proto__":{"name":"P","data":{"methods":[' +
      JSON.stringify(customApiAction("a", "GET", false)).replace('"requestType"', '"__proto__"') +
      ',1,null,{"address":7}]}},"y":null}}}';
    const entries = learnFromFlopack(JSON.parse(text), "evil.flopack");
    expect(entries).toHaveLength(1);
    expect(entries[0]!.sources).toEqual(["evil.flopack#P"]);
    expect(Object.hasOwn(entries[0]!.options, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).requestType).toBeUndefined();
    expect(Object.getPrototypeOf(entries[0]!.options)).toBe(Object.prototype);
  });

  it("mergeEntries sums counts and unions sources and options, independent of order", () => {
    const [a] = learnFromFlopack(pack([customApiAction("a", "GET", false)], "A"), "1.flopack");
    const [b] = learnFromFlopack(pack([customApiAction("b", "DELETE", false, "Other"), customApiAction("c", "DELETE", false, "Other")], "B"), "2.flopack");
    const ab = mergeEntries(a!, b!);
    expect(ab).toEqual(mergeEntries(b!, a!));
    expect(ab.count).toBe(3);
    expect(ab.name).toBe("Other");
    expect(ab.sources).toEqual(["1.flopack#A", "2.flopack#B"]);
    expect(ab.options).toEqual({ requestType: ["DELETE", "GET"] });
    expect(() => mergeEntries(a!, { ...b!, variant: "other" })).toThrow(/different cards/);
  });
});

describe.skipIf(!corpus())("learning the corpus", () => {
  const files = corpus()?.files ?? [];

  it("every card of every export (inline flows included) resolves to a learned entry", () => {
    let cards = 0;
    for (const file of files) {
      const flopack = readCorpusJson(file) as JsonObject;
      const catalog = new Catalog(learnFromFlopack(flopack, basename(file)));
      forEachCard(flopack, ({ card }) => {
        cards++;
        const variant = variantOf(templateOf(card));
        expect(catalog.has(card.address as string, variant), `${basename(file)} ${card.address as string}`).toBe(true);
      });
    }
    expect(cards).toBeGreaterThan(1000);
  });

  it("templateOf is idempotent on every corpus card", () => {
    let cards = 0;
    for (const file of files) {
      const flopack = readCorpusJson(file) as JsonObject;
      forEachCard(flopack, ({ card }) => {
        cards++;
        const t = templateOf(card);
        expect(templateOf(t), `${basename(file)} ${card.address as string}`).toEqual(t);
        expect(variantOf(templateOf(t))).toBe(variantOf(t));
      });
    }
    expect(cards).toBeGreaterThan(1000);
  });
});
