import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../src/ir/types.js";
import { entryRefKey, entryRefs, sameEntry, sideEntries } from "../../src/shapes/entries.js";
import { entry } from "../lift/fixtures.js";

describe("sideEntries", () => {
  it("gives the entries of one side in storage order, skipping what is not an entry object", () => {
    const model: JsonObject = {
      inputs: { data: { z: entry({ id: "z", key: "Z" }), a: entry({ id: "a", key: "A" }), junk: 5, nil: null } },
      outputs: { data: { o: entry({ id: "o", key: "O" }) } },
    };
    expect(sideEntries(model, "inputs").map((e) => e.id)).toEqual(["z", "a"]);
    expect(sideEntries(model, "outputs").map((e) => e.id)).toEqual(["o"]);
  });

  it("is empty for a missing side or one without data", () => {
    expect(sideEntries({}, "inputs")).toEqual([]);
    expect(sideEntries({ inputs: { extensible: true } }, "inputs")).toEqual([]);
    expect(sideEntries({ inputs: { data: [] } }, "inputs")).toEqual([]);
  });
});

describe("entryRefs", () => {
  it("names each entry by group and key, numbering repeats from the second on", () => {
    const refs = entryRefs([
      entry({ id: "1", group: "body", key: "login" }),
      entry({ id: "2", group: "body", key: "login" }),
      entry({ id: "3", group: "query", key: "login" }),
      entry({ id: "4", key: "login" }),
      entry({ id: "5", group: "body", key: "login" }),
    ]);
    expect(refs).toEqual([
      { group: "body", key: "login" },
      { group: "body", key: "login", nth: 1 },
      { group: "query", key: "login" },
      { group: null, key: "login" },
      { group: "body", key: "login", nth: 2 },
    ]);
  });

  it("takes a non-string group as no group and a non-string key as its text", () => {
    const odd = { id: "x", group: 7, key: 12 } as unknown as JsonObject;
    expect(entryRefs([odd])).toEqual([{ group: null, key: "12" }]);
  });

  it("tells a null group from a group named like it", () => {
    const [none, named] = entryRefs([entry({ id: "1", key: "k" }), entry({ id: "2", group: "null", key: "k" })]);
    expect(named).toEqual({ group: "null", key: "k" });
    expect(none).toEqual({ group: null, key: "k" });
    expect(entryRefKey(none!)).not.toBe(entryRefKey(named!));
  });
});

describe("sameEntry and entryRefKey", () => {
  it("match on group, key and occurrence, an absent nth being the first", () => {
    expect(sameEntry({ group: "g", key: "k" }, { group: "g", key: "k", nth: 0 })).toBe(true);
    expect(sameEntry({ group: "g", key: "k" }, { group: "g", key: "k", nth: 1 })).toBe(false);
    expect(sameEntry({ group: "g", key: "k" }, { group: null, key: "k" })).toBe(false);
    expect(sameEntry({ group: "g", key: "k" }, { group: "g", key: "K" })).toBe(false);
    expect(entryRefKey({ group: "g", key: "k" })).toBe(entryRefKey({ group: "g", key: "k", nth: 0 }));
    expect(entryRefKey({ group: "g", key: "k" })).not.toBe(entryRefKey({ group: "g", key: "k", nth: 1 }));
  });
});

describe("entryRefKey never gives two refs one key", () => {
  it("tells apart refs whose group or key hold the separator", () => {
    expect(entryRefKey({ group: "a", key: "b\u0001c" })).not.toBe(entryRefKey({ group: "a\u0001b", key: "c" }));
    expect(entryRefKey({ group: null, key: "k" })).not.toBe(entryRefKey({ group: "\u0000", key: "k" }));
    expect(entryRefKey({ group: "", key: "\u0001k" })).not.toBe(entryRefKey({ group: "\u0001", key: "k" }));
    // numbered on their own: two different entries are both first
    const refs = entryRefs([entry({ id: "1", group: "a", key: "b\u0001c" }), entry({ id: "2", group: "a\u0001b", key: "c" })]);
    expect(refs.map((r) => r.nth ?? 0)).toEqual([0, 0]);
  });

  it("keeps the historical bytes of every key without the separator (inline-flow uuids are hashed from them)", () => {
    const historical = (r: { group: string | null; key: string; nth?: number }) =>
      `${r.group ?? "\u0000"}\u0001${r.key}\u0001${r.nth ?? 0}`;
    for (const r of [
      { group: null, key: "login" },
      { group: "body", key: "login", nth: 2 },
      { group: "", key: "" },
      { group: "context", key: "x\u0000y" },
      { group: "\u0000x", key: "k" },
      { group: "ключ", key: "🔑", nth: 1 },
    ])
      expect(entryRefKey(r)).toBe(historical(r));
  });
});
