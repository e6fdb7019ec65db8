/**
 * A new card is the card's clean shape (issue 11): every typed factory, asked for nothing but what it requires,
 * writes a card that carries nothing one export's author typed or customised, and that agrees with the real cards
 * of the same address in the corpus (key sets, entry shapes, option values). The agreement is printed per run:
 * cards compared, identical, differing and why.
 */
import { describe, expect, it } from "vitest";
import { residueOf } from "../../src/catalog/clean.js";
import { contractField } from "../../src/catalog/contract.js";
import { Catalog } from "../../src/catalog/store.js";
import { isInstanceEntry, templateOf } from "../../src/catalog/template.js";
import type { Json, JsonObject } from "../../src/ir/types.js";
import { connectorOf } from "../../src/shapes/address.js";
import { TABLES_CONNECTOR } from "../../src/shapes/known-cards.js";
import { canonicalJson, isObject } from "../../src/util/json.js";
import { entries, entryShapes, keySets, modelOf, optionValues as optionValuesOf, realCardsByAddress } from "../support/card-compare.js";
import { corpus } from "../support/corpus.js";
import { dataOfEntry, factoryCards } from "../support/factory-cards.js";

const catalog = Catalog.builtin();
const CUSTOMISED = "the real cards carry an author's customisation the contract records (a schema, a type, fields of their own)";
const SWITCHED = "the real cards switched a field to another of its types (If operands, Reduce's memo)";
const built = factoryCards();

const optionValues = (card: JsonObject) => optionValuesOf(card, catalog);

/** The value a field holds when nothing is set ("", 0, false, [], {}, null). */
function isEmpty(d: Json | undefined): boolean {
  return d === undefined || d === null || d === "" || d === 0 || d === false || (Array.isArray(d) && d.length === 0) || (isObject(d) && Object.keys(d).length === 0);
}

describe("a new card is the card's clean shape", () => {
  it("every factory builds with only the props it requires", () => {
    expect(built.length).toBeGreaterThan(200);
    expect(built.filter((b) => b.error !== undefined).map((b) => `${b.path.join(".")}: ${b.error}`)).toEqual([]);
  });

  it("carries nothing of one export's customisation: no leftover wire, the contract's types, its values and no author text", () => {
    const problems: string[] = [];
    for (const b of built) {
      if (!b.card) continue;
      const where = b.path.join(".");
      const contract = catalog.contract(String(b.card.address))!;
      // A switched type is the one a value given here asked for (a text for Reduce's memo), not residue.
      // Entry indexes are judged by variant-indexes.test.ts: some cards have no variant with them in sequence.
      const residue = residueOf(templateOf(b.card), contract).filter(
        (r) => r !== "index" && (r !== "switched" || !b.shape.inputs.some((i) => i.required && i.types.length > 1)),
      );
      if (residue.length > 0) problems.push(`${where}: ${residue.join(", ")}`);
      for (const e of entries(b.card, "inputs")) {
        if (isInstanceEntry(e, String(b.card.address)) || typeof e.key !== "string") continue;
        const input = contractField(contract.inputs, typeof e.group === "string" ? e.group : null, e.key);
        const data = dataOfEntry(e);
        const given = b.shape.inputs.some((i) => i.required && i.key === e.key && i.group === (e.group ?? null));
        if (!input || given || isEmpty(data)) continue;
        const choices = input.choices?.map((c) => c.value);
        if (input.option && choices && !choices.some((c) => c === data)) problems.push(`${where}: option ${e.key} holds ${JSON.stringify(data)}`);
        if (!input.option && canonicalJson(data) !== canonicalJson(input.default ?? null))
          problems.push(`${where}: input ${e.key} holds ${JSON.stringify(data)} (a leftover constant)`);
      }
      const model = modelOf(b.card);
      if (connectorOf(String(b.card.address)) === TABLES_CONNECTOR && model.config !== null) problems.push(`${where}: a Tables card with a config`);
    }
    expect(problems).toEqual([]);
  });

  it("Slack's Send Message to Channel sets channel, bot, links and message type as real cards do", () => {
    const slack = built.find((b) => b.path.join(".") === "slack.sendMessageToChannel2")!;
    const values = Object.fromEntries(entries(slack.card!, "inputs").filter((e) => e.flags === "p").map((e) => [e.key, dataOfEntry(e)]));
    expect(values).toEqual({ channel: "x", bot: "Yes", links: "Yes", messageType: "Plain Text" });
  });

  it("the For Each list input and the Custom API Action Body output are the card's own type, not an author's schema", () => {
    const each = built.find((b) => b.path.join(".") === "kernel.list.each")!;
    expect(entries(each.card!, "inputs").find((e) => e.key === "list")?.value).toMatchObject({ type: "object", collection: true });
    // GET was seen on 1.0.72 only, in one export whose author gave Body the schema { value: string }.
    const address = "root:channels:http:office365admin:1.0.72:customAPIAction";
    const body = contractField(catalog.contract(address)!.outputs, "Response", "Body")!;
    expect(body).toMatchObject({ type: "object", collection: false });
    expect(body.why).toMatch(/own object schema/);
    const template = catalog.variants(address)[0]!.template;
    expect(entries(template, "outputs").find((e) => e.key === "Body")?.value).toMatchObject({ type: "object" });
  });

  const c = corpus();
  it.skipIf(!c)("agrees with the real cards of the same address (key sets, entry shapes, option values)", () => {
    const real = realCardsByAddress(c!.files);
    const why = new Map<string, string[]>();
    let compared = 0;
    let identical = 0;
    for (const b of built) {
      const reals = b.card ? (real.get(String(b.card.address)) ?? []) : [];
      if (!b.card || reals.length === 0) continue;
      compared++;
      const contract = catalog.contract(String(b.card.address))!;
      const mine = { keys: keySets(b.card), entries: canonicalJson(entryShapes(b.card)), options: optionValues(b.card) };
      const same = (r: JsonObject, clean: boolean, switched = false) =>
        keySets(r) === mine.keys &&
        canonicalJson(entryShapes(r, clean ? contract : undefined, switched)) === mine.entries &&
        optionValues(r) === mine.options;
      let reason: string | undefined;
      if (reals.some((r) => same(r, false))) identical++;
      else if (reals.some((r) => same(r, true))) reason = CUSTOMISED;
      else if (reals.some((r) => same(r, true, true))) reason = SWITCHED;
      else if (!reals.some((r) => keySets(r) === mine.keys)) reason = "model keys differ from every real card";
      else if (!reals.some((r) => canonicalJson(entryShapes(r, contract, true)) === mine.entries)) reason = "entries differ from every real card";
      else reason = "option values differ (the real cards chose other values than the defaults)";
      if (reason) why.set(reason, [...(why.get(reason) ?? []), b.path.join(".")]);
    }
    const differing = compared - identical;
    console.info(
      `[clean shape] ${compared} factories compared with real cards of their address: ${identical} identical, ${differing} differing` +
        [...why].map(([r, list]) => `\n  ${list.length}: ${r} (${list.slice(0, 6).join(", ")}${list.length > 6 ? ", ..." : ""})`).join(""),
    );
    expect(compared).toBeGreaterThan(0);
    // Nearly every factory card is a real card's shape, up to what the contract records as customisation or a switch.
    const explained = identical + (why.get(CUSTOMISED)?.length ?? 0) + (why.get(SWITCHED)?.length ?? 0);
    expect(explained).toBeGreaterThan(0.9 * compared);
  });
});
