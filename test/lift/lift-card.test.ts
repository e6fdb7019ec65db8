/**
 * liftCard: one stored card → the IR card, i.e. its difference from its catalog template with every id made a ref.
 * Cards are made by hand; the template is the card's own (templateOf of an unchanged copy), then the card is changed
 * in one place and the difference must show up in exactly that place.
 */
import { describe, expect, it } from "vitest";
import { templateOf, variantOf } from "../../src/catalog/template.js";
import type { JsonObject } from "../../src/ir/types.js";
import { EXPAND_ADDRESS } from "../../src/shapes/known-cards.js";
import { liftCard } from "../../src/lift/lift-card.js";
import { entry, handCard, handContext, LET, templateFor } from "./fixtures.js";

type Card = Record<string, any>;

/** A card with two template inputs (A, B), one output (out), lifted against the template of its unchanged self. */
function baseCard(): Card {
  return handCard("CardA0001", "Card A", {
    inputs: [entry({ id: "inA", group: "in", key: "A" }), entry({ id: "inB", group: "in", key: "B", type: "number", data: 0 })],
    outputs: [entry({ id: "outA", group: "out", key: "result" })],
  });
}
const model = (card: Card) => card.node.model;

function liftAgainstBase(change: (card: Card) => void, refs: Record<string, string> = { CardA0001: "card-a" }, extraCards: Card[] = []) {
  const template = templateFor(baseCard() as JsonObject);
  const card = baseCard();
  change(card);
  const ctx = handContext([card as JsonObject, ...(extraCards as JsonObject[])], refs, { templates: new Map([[LET, template]]) });
  return { ir: liftCard(card as JsonObject, refs[card.uuid]!, ctx), ctx };
}

describe("a card that matches its template", () => {
  it("lifts to its ref, address, variant and name, and nothing else", () => {
    const { ir, ctx } = liftAgainstBase(() => {});
    expect(ir).toEqual({
      ref: "card-a",
      address: LET,
      variant: variantOf(templateOf(baseCard() as JsonObject)),
      name: "Card A",
      connection: null,
      inputValues: [],
      outputValues: [],
      extraInputs: [],
      extraOutputs: [],
      removedInputs: [],
      removedOutputs: [],
      policy: { error: { type: "finish" } },
      pins: [],
      branches: [],
      joins: [],
      modelPatch: {},
      removedModelKeys: [],
      methodPatch: {},
    });
    expect(ctx.learned).toEqual([]);
  });

  it("does not see its display name or entry ids as differences", () => {
    const { ir } = liftAgainstBase((c) => {
      c.node.data.name = c.node.model.metadata.name = "Renamed";
      const data = model(c).inputs.data;
      data.other = { ...data.inA, id: "other" };
      delete data.inA;
    });
    expect(ir.name).toBe("Renamed");
    expect(ir.modelPatch).toEqual({});
    expect([ir.inputValues, ir.extraInputs, ir.removedInputs]).toEqual([[], [], []]);
  });
});

describe("entries", () => {
  it("lists the template entries whose value differs, by group and key", () => {
    const { ir } = liftAgainstBase((c) => {
      model(c).inputs.data.inA.value.data = "hello";
      model(c).outputs.data.outA.value.data = "cached";
    });
    expect(ir.inputValues).toEqual([{ entry: { group: "in", key: "A" }, value: { kind: "json", data: "hello" } }]);
    expect(ir.outputValues).toEqual([{ entry: { group: "out", key: "result" }, value: { kind: "json", data: "cached" } }]);
  });

  it("keeps an entry whose shape differs from the template whole, as an extra, and drops the template's", () => {
    const { ir } = liftAgainstBase((c) => {
      const b = model(c).inputs.data.inB;
      b.value.type = "string";
      b.value.data = "7";
      b._used = true;
    });
    expect(ir.removedInputs).toEqual([{ group: "in", key: "B" }]);
    expect(ir.extraInputs).toEqual([
      {
        entry: {
          group: "in",
          key: "B",
          value: { type: "string", collection: false, data: null },
          ref: false,
          metadata: {},
          required: false,
          flags: "d",
        },
        value: { kind: "json", data: "7" },
      },
    ]);
    expect(ir.inputValues).toEqual([]);
  });

  it("does not see an entry's _used flag or metadata.index as a change of shape", () => {
    const { ir } = liftAgainstBase((c) => {
      const a = model(c).inputs.data.inA;
      a._used = true;
      a.metadata.index = 5;
      a.value.data = "v";
    });
    expect(ir.inputValues).toEqual([{ entry: { group: "in", key: "A" }, value: { kind: "json", data: "v" } }]);
    expect([ir.extraInputs, ir.removedInputs]).toEqual([[], []]);
  });

  it("lists a template entry the card lacks as removed", () => {
    const { ir } = liftAgainstBase((c) => delete model(c).inputs.data.inA);
    expect(ir.removedInputs).toEqual([{ group: "in", key: "A" }]);
    expect(ir.extraInputs).toEqual([]);
  });

  it("keeps custom entries as extras, in storage order: no id, no _used, the value held apart", () => {
    const { ir } = liftAgainstBase((c) => {
      const data = model(c).inputs.data;
      data.cust1 = { ...entry({ id: "cust1", key: "Greeting", data: "hi", metadata: { custom: true, index: 2 } }), _used: true };
      data.cust2 = entry({ id: "cust2", key: "Count", type: "number", data: 3, metadata: { custom: true } });
    });
    expect(ir.extraInputs.map((x) => [x.entry.key, x.entry.id, x.entry._used, (x.entry.value as JsonObject).data, x.value])).toEqual([
      ["Greeting", undefined, undefined, null, { kind: "json", data: "hi" }],
      ["Count", undefined, undefined, null, { kind: "json", data: 3 }],
    ]);
    expect(ir.extraInputs[0]!.entry.metadata).toEqual({ custom: true, index: 2 });
    expect(ir.removedInputs).toEqual([]);
  });

  it("numbers repeated template entries (group, key, nth)", () => {
    const twice = () =>
      handCard("CardA0001", "Card A", { inputs: [entry({ id: "x1", group: "g", key: "X" }), entry({ id: "x2", group: "g", key: "X" })] });
    const card: Card = twice();
    model(card).inputs.data.x2.value.data = "second";
    const ctx = handContext([card as JsonObject], { CardA0001: "card-a" }, { templates: new Map([[LET, templateFor(twice())]]) });
    expect(liftCard(card as JsonObject, "card-a", ctx).inputValues).toEqual([
      { entry: { group: "g", key: "X", nth: 1 }, value: { kind: "json", data: "second" } },
    ]);
  });
});

describe("values that point at pack objects", () => {
  it("a flo value holding a flow id is that flow; holding a flow body, an inline flow lifted by the context", () => {
    const body = { methods: [handCard("Inner0001", "Inner")], orderings: {} };
    const template = templateFor(baseCard() as JsonObject);
    const card = baseCard();
    model(card).inputs.data.flo = entry({ id: "flo", key: "flo", type: "flo", data: "helper-flow-id", metadata: { custom: true } });
    model(card).inputs.data.inline = entry({ id: "inline", key: "inline", type: "flo", data: body, metadata: { custom: true } });
    model(card).inputs.data.unknown = entry({
      id: "unknown",
      key: "unknown",
      type: "flo",
      data: "some-other-id",
      metadata: { custom: true },
    });
    const ctx = handContext(
      [card as JsonObject],
      { CardA0001: "card-a" },
      { templates: new Map([[LET, template]]), pack: { flows: new Map([["helper-flow-id", "helper"]]) } },
    );
    const ir = liftCard(card as JsonObject, "card-a", ctx);
    expect(ir.extraInputs.map((x) => x.value)).toEqual([
      { kind: "flow", flow: "helper" },
      { kind: "inline", scope: { cards: [], orderings: [], inline: { lifted: 1 } } },
      { kind: "json", data: "some-other-id" },
    ]);
    expect(ctx.inlined).toEqual([body]);
  });

  it("a value holding a table id is that table (text otherwise)", () => {
    const { ir } = liftAgainstBase((c) => {
      model(c).inputs.data.inA.value.data = "table-id-1";
    });
    expect(ir.inputValues[0]!.value).toEqual({ kind: "json", data: "table-id-1" });
    const template = templateFor(baseCard() as JsonObject);
    const card = baseCard();
    model(card).inputs.data.inA.value.data = "table-id-1";
    const ctx = handContext(
      [card as JsonObject],
      { CardA0001: "card-a" },
      { templates: new Map([[LET, template]]), pack: { tables: new Map([["table-id-1", "people"]]) } },
    );
    expect(liftCard(card as JsonObject, "card-a", ctx).inputValues[0]!.value).toEqual({ kind: "table", table: "people" });
  });

  it("card ids inside constant data (Tables filters) become links, null in the data", () => {
    const source = handCard("Source001", "Now", { outputs: [entry({ id: "dateOut", group: null, key: "date" })] });
    const { ir } = liftAgainstBase(
      (c) => {
        model(c).inputs.data.inA.value.data = {
          expr: [
            { lhs: "since", op: "<", rhd: { methodId: "Source001", outputId: "dateOut" } },
            { lhs: "login", op: "=", rhd: { methodId: "Source001", outputId: "notAnOutput" } },
            { lhs: "other", op: "=", rhd: { methodId: "Elsewhere", outputId: "dateOut" } },
          ],
        };
      },
      { CardA0001: "card-a", Source001: "now" },
      [source],
    );
    expect(ir.inputValues[0]!.value).toEqual({
      kind: "json",
      data: {
        expr: [
          { lhs: "since", op: "<", rhd: { methodId: null, outputId: null } },
          { lhs: "login", op: "=", rhd: { methodId: null, outputId: "notAnOutput" } },
          { lhs: "other", op: "=", rhd: { methodId: "Elsewhere", outputId: "dateOut" } },
        ],
      },
      ids: [
        { path: ["expr", 0, "rhd", "outputId"], card: { ref: "now" }, output: { group: null, key: "date" } },
        { path: ["expr", 0, "rhd", "methodId"], card: { ref: "now" } },
        { path: ["expr", 1, "rhd", "methodId"], card: { ref: "now" } },
      ],
    });
  });
});

describe("links held in an extra entry's metadata", () => {
  const other = () => handCard("Other0001", "Other", { outputs: [entry({ id: "otherOut", group: "g", key: "value" })] });
  const refs = { CardA0001: "card-a", Other0001: "other" };
  const withMeta =
    (metadata: JsonObject, key = "k") =>
    (c: Card) => {
      model(c).inputs.data.x = entry({ id: "x", key, metadata: { custom: true, ...metadata } });
    };

  it("wormholeMethodId: the card at the other end, or a dangling id", () => {
    const known = liftAgainstBase(withMeta({ wormholeMethodId: "Other0001" }), refs, [other()]).ir.extraInputs[0]!;
    expect(known.links).toEqual({ wormholeMethodId: { ref: "other" } });
    expect(known.entry.metadata).toEqual({ custom: true, wormholeMethodId: null });
    const gone = liftAgainstBase(withMeta({ wormholeMethodId: "Gone00001" }), refs, [other()]).ir.extraInputs[0]!;
    expect(gone.links).toEqual({ wormholeMethodId: { dangling: "Gone00001" } });
  });

  it("srcMethodId and srcOutputId: the source card and its output, or dangling ids", () => {
    const known = liftAgainstBase(withMeta({ srcMethodId: "Other0001", srcOutputId: "otherOut" }), refs, [other()]).ir.extraInputs[0]!;
    expect(known.links).toEqual({ srcMethodId: { ref: "other" }, srcOutputId: { card: "other", entry: { group: "g", key: "value" } } });
    expect(known.entry.metadata).toEqual({ custom: true, srcMethodId: null, srcOutputId: null });
    const gone = liftAgainstBase(withMeta({ srcMethodId: "Other0001", srcOutputId: "nope" }), refs, [other()]).ir.extraInputs[0]!;
    expect(gone.links).toEqual({ srcMethodId: { ref: "other" }, srcOutputId: { dangling: "nope" } });
  });

  it("metadata.method: the filter's source card, and the output whose id is the entry's key", () => {
    const keyed = liftAgainstBase(withMeta({ method: "Other0001" }, "otherOut"), refs, [other()]).ir.extraInputs[0]!;
    expect(keyed.links).toEqual({ method: { ref: "other" }, keyOf: { card: "other", entry: { group: "g", key: "value" } } });
    const plain = liftAgainstBase(withMeta({ method: "Other0001" }, "not-an-output-id"), refs, [other()]).ir.extraInputs[0]!;
    expect(plain.links).toEqual({ method: { ref: "other" } });
    // A method id that is no card of the flow stays verbatim.
    const stray = liftAgainstBase(withMeta({ method: "Gone00001" }), refs, [other()]).ir.extraInputs[0]!;
    expect(stray.links).toBeUndefined();
    expect(stray.entry.metadata).toEqual({ custom: true, method: "Gone00001" });
  });
});

describe("wiring", () => {
  const target = () => handCard("Target001", "Target", { inputs: [entry({ id: "tIn", group: "t", key: "input" })] });
  const refs = { CardA0001: "card-a", Target001: "target" };

  it("pins: output, target card and input as refs, with the conversion; unknown ids dangle", () => {
    const { ir } = liftAgainstBase(
      (c) => {
        c.pins = {
          outA: {
            Target001: [{ input: "tIn", transform: { k: { convert: "stringify", forceWrapArray: true } } }],
            Gone00001: [{ input: "gIn", transform: null }],
          },
          ghostOut: { Target001: [{ input: "nope", transform: null }] },
        };
      },
      refs,
      [target()],
    );
    expect(ir.pins).toEqual([
      {
        output: { group: "out", key: "result" },
        target: "target",
        input: { group: "t", key: "input" },
        transform: { convert: "stringify", forceWrapArray: true },
      },
      {
        output: { group: "out", key: "result" },
        target: "\u0000dangling:Gone00001",
        input: { group: null, key: "\u0000dangling:gIn" },
        transform: null,
      },
      {
        output: { group: null, key: "\u0000dangling:ghostOut" },
        target: "target",
        input: { group: null, key: "\u0000dangling:nope" },
        transform: null,
      },
    ]);
  });

  it("branches: each head card's ref with its value, in storage order; an unknown head dangles", () => {
    const { ir } = liftAgainstBase((c) => (c.branches = { Target001: false, CardA0001: true, Ghost0001: true }), refs, [target()]);
    expect(ir.branches).toEqual([
      { head: "target", value: false },
      { head: "card-a", value: true },
      { head: "\u0000dangling:Ghost0001", value: true },
    ]);
  });

  it("joins: the join's input and the outputs of its own that feed it; stale empty keys dropped, unknown inputs dangle", () => {
    const { ir } = liftAgainstBase((c) => {
      c.joins = {
        inB: [
          { output: "outA", transform: null },
          { output: "ghost", transform: { k: { convert: "number" } } },
        ],
        staleKey: [],
        lostKey: [{ output: "outA", transform: null }],
      };
    });
    expect(ir.joins).toEqual([
      {
        input: { group: "in", key: "B" },
        links: [
          { output: { group: "out", key: "result" }, transform: null },
          { output: { group: null, key: "\u0000dangling:ghost" }, transform: { convert: "number", forceWrapArray: false } },
        ],
      },
      { input: { group: null, key: "\u0000dangling:lostKey" }, links: [{ output: { group: "out", key: "result" }, transform: null }] },
    ]);
  });
});

describe("connection, comments, model and method deviations", () => {
  it("the connection and display.configRef are links to pack connections, dangling when unknown", () => {
    const template = templateFor(baseCard() as JsonObject);
    const card = baseCard();
    model(card).config = "conn-1";
    model(card).display = { configRef: "conn-old" };
    template.node = { ...(template.node as JsonObject), model: { ...((template.node as JsonObject).model as JsonObject), display: {} } };
    const ctx = handContext(
      [card as JsonObject],
      { CardA0001: "card-a" },
      { templates: new Map([[LET, template]]), pack: { connections: new Map([["conn-1", "okta"]]) } },
    );
    const ir = liftCard(card as JsonObject, "card-a", ctx);
    expect(ir.connection).toEqual({ ref: "okta" });
    expect(ir.configRef).toEqual({ dangling: "conn-old" });
    expect(ir.modelPatch).toEqual({});
  });

  it("comments that differ from the template are kept; the template's comments missing on the card are removed", () => {
    const commented = () => {
      const c = baseCard();
      model(c).comments = { title: "", markdown: "help" };
      return c;
    };
    const template = templateFor(commented() as JsonObject);
    const lift = (card: Card) =>
      liftCard(
        card as JsonObject,
        "card-a",
        handContext([card as JsonObject], { CardA0001: "card-a" }, { templates: new Map([[LET, template]]) }),
      );
    expect(lift(commented()).comments).toBeUndefined();
    const edited = commented();
    model(edited).comments.markdown = "my note";
    expect(lift(edited).comments).toEqual({ title: "", markdown: "my note" });
    const bare = baseCard();
    expect(lift(bare).removedModelKeys).toEqual(["comments"]);
  });

  it("model keys that differ from the template go to modelPatch (inputs and outputs without their entries); missing ones to removedModelKeys", () => {
    const { ir } = liftAgainstBase((c) => {
      model(c).timeout = 60000;
      model(c).newKey = { a: 1 };
      model(c).inputs.extensible = false;
      delete model(c).type;
    });
    expect(ir.modelPatch).toEqual({ timeout: 60000, inputs: { extensible: false }, newKey: { a: 1 } });
    expect(ir.removedModelKeys).toEqual(["type"]);
  });

  it("method-level keys beyond the known ones, node keys beyond key/data/model and changed parents go to methodPatch", () => {
    const { ir } = liftAgainstBase((c) => {
      c.parents.version.data.id = 99; // environment numbers: not a difference
      c.extra = "kept";
      c.node.extraNode = true;
    });
    expect(ir.methodPatch).toEqual({ extra: "kept", "node.extraNode": true });
    const moved = liftAgainstBase((c) => (c.parents.version.key = "0.0.2")).ir;
    expect(Object.keys(moved.methodPatch)).toEqual(["parents"]);
    expect((moved.methodPatch.parents as any).version.key).toBe("0.0.2");
  });
});

describe("error policy", () => {
  const policyOf = (policy: unknown, pack = {}) => {
    const template = templateFor(baseCard() as JsonObject);
    const card = baseCard();
    if (policy === undefined) delete model(card).policy;
    else model(card).policy = policy;
    const ctx = handContext([card as JsonObject], { CardA0001: "card-a" }, { templates: new Map([[LET, template]]), pack });
    return { policy: liftCard(card as JsonObject, "card-a", ctx).policy, ctx };
  };

  it("no policy at all is told apart from the default one", () => {
    expect(policyOf(undefined).policy).toEqual({ error: { type: "finish" }, rest: {} });
    expect(policyOf({ error: { type: "finish" } }).policy).toEqual({ error: { type: "finish" } });
  });

  it("a helper flow handler is that flow; an inline handler is lifted; anything else in flo is kept verbatim", () => {
    const helper = policyOf(
      { error: { type: "handler", flo: "helper-id", merge: "join" } },
      { flows: new Map([["helper-id", "on-error"]]) },
    );
    expect(helper.policy).toEqual({ error: { type: "handler", flo: null, merge: "join" }, flo: { kind: "flow", flow: "on-error" } });
    const body = { methods: [], orderings: {} };
    const inline = policyOf({ error: { type: "handler", flo: body } });
    expect(inline.policy.flo).toEqual({ kind: "inline", scope: { cards: [], orderings: [], inline: { lifted: 1 } } });
    expect(inline.ctx.inlined).toEqual([body]);
    expect(policyOf({ error: { type: "handler", flo: 42 } }).policy.flo).toEqual({ kind: "json", data: 42 });
    expect(policyOf({ error: { type: "handler", flo: "unknown-flow" } }).policy.flo).toEqual({ kind: "json", data: "unknown-flow" });
  });

  it("keys beside error, and error not first, are kept in rest", () => {
    expect(policyOf({ error: { type: "finish" }, retry: 3 }).policy.rest).toEqual({ retry: 3 });
    expect(policyOf({ retry: 3, error: { type: "finish" } }).policy.rest).toEqual({ retry: 3 });
  });
});

describe("templates", () => {
  it("learns the card's own template when the source does not know it", () => {
    const card = baseCard() as JsonObject;
    model(card).inputs.data.inA.value.data = "x";
    const ctx = handContext([card], { CardA0001: "card-a" });
    const ir = liftCard(card, "card-a", ctx);
    const own = templateOf(card);
    expect(ctx.learned).toEqual([{ address: LET, variant: variantOf(own), template: own }]);
    expect(ir.variant).toBe(variantOf(own));
    // Against its own template, the card's value is still a value.
    expect(ir.inputValues).toEqual([{ entry: { group: "in", key: "A" }, value: { kind: "json", data: "x" } }]);
  });

  it("takes the variant the source already knows for the card", () => {
    const card = baseCard() as JsonObject;
    const seen: string[] = [];
    const template = templateFor(card);
    const ctx = handContext(
      [card],
      { CardA0001: "card-a" },
      { templates: new Map([[LET, template]]), knownVariant: (c) => (seen.push(String(c.uuid)), "known123") },
    );
    expect(liftCard(card, "card-a", ctx).variant).toBe("known123");
    expect(seen).toEqual(["CardA0001"]);
  });
});

describe("expand cards named after their source", () => {
  it("name the source by ref (nameOf) and carry their own ref as name", () => {
    const expand = handCard("Expand001", "Source001", { address: EXPAND_ADDRESS });
    const ctx = handContext([expand], { Expand001: "expand-user-id", Source001: "read-user" });
    const ir = liftCard(expand, "expand-user-id", ctx);
    expect(ir.nameOf).toBe("read-user");
    expect(ir.name).toBe("expand-user-id");
  });

  it("keep their name when it is no card of the flow", () => {
    const expand = handCard("Expand001", "Expand", { address: EXPAND_ADDRESS });
    const ir = liftCard(expand, "expand", handContext([expand], { Expand001: "expand" }));
    expect(ir.nameOf).toBeUndefined();
    expect(ir.name).toBe("Expand");
  });
});
