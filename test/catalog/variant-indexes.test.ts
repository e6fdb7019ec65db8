/**
 * A new card is not written on one author's oddity when a clean variant exists (issue 11): for every typed factory,
 * with no options and with each value of each of its options, the variant the factory picks has its entry indexes
 * 0..n-1 on both sides (a card with others gets FP206), unless no variant it could have picked for those options
 * (of its own version, or of the other versions it writes such values on) has them.
 */
import { describe, expect, it } from "vitest";
import { Catalog, residueRank } from "../../src/catalog/store.js";
import type { CatalogEntry } from "../../src/catalog/entry.js";
import { chooseCardVariant, factoryMeta, type FactoryMeta } from "../../src/dsl/define-card.js";
import type { Json } from "../../src/ir/types.js";
import { indexesInSequence, modelOf, sideEntries } from "../../src/shapes/entries.js";
import { factories } from "../support/factory-cards.js";

const catalog = Catalog.builtin();

function inSequence(entry: CatalogEntry): boolean {
  return !(entry.residue ?? []).includes("index");
}

/**
 * The entries a call with these options may be written on: the variants recording every value with the same
 * inputs as the one chosen (a call that gives no Body is written on a variant without one), else the alternates
 * recording every value.
 */
function candidates(meta: FactoryMeta, asked: Readonly<Record<string, Json>>, chosen: string | undefined): CatalogEntry[] {
  const records = (o: Readonly<Record<string, readonly Json[]>>) =>
    Object.entries(asked).every(([k, v]) => Object.hasOwn(o, k) && o[k]!.some((x) => x === v));
  const inputsOf = (v: string | undefined) => JSON.stringify(meta.variants.find(([id]) => id === v)?.[2] ?? []);
  const own = meta.variants
    .filter(([v, o]) => records(o) && inputsOf(v) === inputsOf(chosen))
    .map(([v]) => catalog.get(meta.address, v)!);
  if (own.length > 0 || Object.keys(asked).length === 0) return own;
  return (meta.alternates ?? []).filter(([, , o]) => records(o)).map(([a, v]) => catalog.get(a, v)!);
}

/** Every factory call to judge: no options, then each choice of each option alone. */
function calls(): Array<{ where: string; meta: FactoryMeta; asked: Record<string, Json> }> {
  const out: Array<{ where: string; meta: FactoryMeta; asked: Record<string, Json> }> = [];
  for (const { path, factory } of factories()) {
    const meta = factoryMeta(factory)!;
    out.push({ where: path.join("."), meta, asked: {} });
    for (const [, key, code, choices] of meta.inputs)
      if (code.startsWith("p:")) for (const value of choices ?? []) out.push({ where: `${path.join(".")} ${key}=${JSON.stringify(value)}`, meta, asked: { [key]: value } });
  }
  return out;
}

describe("the variant a factory picks", () => {
  it("records index residue exactly where a side's indexes are not 0..n-1 (Tables cards' column side aside)", () => {
    const entry = catalog.get("root:channels:http:okta:1.0.685:hTTPRequest", "e763926d")!;
    expect(sideEntries(modelOf(entry.template), "inputs").map((e) => (e.metadata as { index: number }).index)).toEqual([0, 0, 1, 2]);
    expect(entry.residue).toContain("index");
    expect(indexesInSequence([{ metadata: { index: 1 } }, { metadata: { index: 0 } }])).toBe(true);
    expect(indexesInSequence([{ metadata: { index: 0 } }, { metadata: { index: 2 } }])).toBe(false);
  });

  it("has its entry indexes 0..n-1 wherever a variant it could pick has them, over every factory and option value", () => {
    const odd: string[] = [];
    const unavoidable = new Set<string>();
    let judged = 0;
    for (const { where, meta, asked } of calls()) {
      const chosen = chooseCardVariant(meta, asked);
      const entry = catalog.get(chosen.address, chosen.variant);
      if (!entry) continue;
      judged++;
      if (inSequence(entry)) continue;
      const clean = candidates(meta, asked, entry.variant).filter((c) => inSequence(c) && residueRank(c) <= 1);
      if (clean.length > 0) odd.push(`${where}: ${entry.address} ${entry.variant}, though ${clean[0]!.address} ${clean[0]!.variant} is clean`);
      else unavoidable.add(where.split(" ")[0]!);
    }
    expect(judged).toBeGreaterThan(500);
    expect(odd).toEqual([]);
    // Cards every export shows with such indexes (Slack's and Jira's Custom API Action among them): nothing to pick.
    expect(unavoidable.size).toBeLessThan(20);
  });

  it("writes a GET Custom API Action on a clean variant, not on the one export's 0,0,1,2 template", () => {
    const meta = factoryMeta(factories().find((f) => f.path.join(".") === "okta.httpRequest")!.factory)!;
    const chosen = chooseCardVariant(meta, { requestType: "GET" });
    expect(chosen.variant).not.toBe("81ac38cd");
    expect(inSequence(catalog.get(chosen.address, chosen.variant)!)).toBe(true);
  });
});
