/**
 * The round-trip normaliser on hidden object-expand cards: their name (the uuid of their source card) is
 * compared by the card it names, their output group ids by the field path each group reads.
 */
import { describe, expect, it } from "vitest";
import { flow, helperFlow } from "../../src/index.js";
import { kernel } from "../../src/cards/index.js";
import { Catalog } from "../../src/catalog/store.js";
import { lower } from "../../src/compile/lower.js";
import { emitPack } from "../../src/compile/emit.js";
import { firstDifference, normaliseFlopack } from "./normalise.js";
import { scramble } from "./scramble.js";

type Json = any;

function expandPack(): Json {
  const schema = {
    id: { type: "string", collection: false },
    profile: { type: { login: { type: "string", collection: false } }, collection: false },
  };
  const main = flow(
    { name: "expand", trigger: helperFlow(), root: kernel.control.callable({ customInputs: [{ key: "User", type: schema }] }) },
    (f) => {
      const { id, login } = f.expand(f.trigger.$custom("User"), { id: "id", login: ["profile", "login"] });
      f.add(kernel.string.base64({ string: id }));
      f.add(kernel.string.base64({ string: login }));
    },
  );
  const catalog = Catalog.builtin();
  const ir = lower({ flows: [main], defaultFolder: "expand" }, catalog);
  return emitPack(ir, { template: (a, v) => catalog.get(a, v)?.template }, { created: "2026-01-01T00:00:00.000Z" });
}

const fd = (doc: Json): Json => Object.values<Json>(doc.data.flos)[0].data;
const expandCard = (doc: Json): Json => fd(doc).methods.find((m: Json) => m.address === "root:kernel:object:0.0.1:expand");
const differs = (a: Json, b: Json) => firstDifference(normaliseFlopack(a), normaliseFlopack(b));

describe("normaliser: object-expand cards", () => {
  it("sees no difference when every id is regenerated, the expand card's name and output groups included", () => {
    const doc = expandPack();
    const other = scramble(doc, 7) as Json;
    const outputs = expandCard(other).node.model.outputs.data;
    const renamed = new Map<string, string>();
    for (const e of Object.values<Json>(outputs))
      e.group = renamed.get(e.group) ?? (renamed.set(e.group, `G${renamed.size}xYz12`), renamed.get(e.group));
    expect(expandCard(other).node.data.name).not.toBe(expandCard(doc).node.data.name);
    expect(differs(doc, other)).toBeUndefined();
  });

  it("tells apart an expand card named after another card (a re-pointed expand)", () => {
    const doc = expandPack();
    const other = structuredClone(doc);
    const card = expandCard(other);
    const elsewhere = fd(other).methods.find((m: Json) => m.address.endsWith(":base64")).uuid;
    card.node.data.name = elsewhere;
    card.node.model.metadata.name = elsewhere;
    expect(differs(doc, other)).toMatch(/name/);
  });

  it("tells apart output groups that read other fields", () => {
    const doc = expandPack();
    const other = structuredClone(doc);
    for (const e of Object.values<Json>(expandCard(other).node.model.outputs.data))
      if (e.metadata.path[0] === "id") e.metadata.path = ["profile"];
    expect(differs(doc, other)).toBeDefined();
  });
});
