/**
 * `f.expand(output, fields)`: the hidden Object Expand card Okta writes when a user drills into an output's
 * sub-fields (FLOPACK.md §6.9), with its pin, its name (the source's uuid) and its orderings.
 */
import { describe, expect, it } from "vitest";
import { flow, helperFlow, type Ref } from "../../src/index.js";
import { kernel } from "../../src/cards/index.js";
import { Catalog } from "../../src/catalog/store.js";
import { lower } from "../../src/compile/lower.js";
import { emitPack } from "../../src/compile/emit.js";
import { validateFlopack } from "../../src/rules/validate.js";
import type { FlowBuilder } from "../../src/dsl/builder.js";
import { corpus, readCorpusJson } from "../support/corpus.js";

const EXPAND = "root:kernel:object:0.0.1:expand";
type Json = any;

/** Builds one helper flow whose root takes `params` (key → Okta type) and whose body is `body`. */
function build(params: Record<string, Json>, body: (f: FlowBuilder<Record<string, Ref>>) => void): Json {
  const main = flow(
    {
      name: "expand test",
      trigger: helperFlow(),
      root: kernel.control.callable({ customInputs: Object.entries(params).map(([key, type]) => ({ key, type })) }),
    },
    body as never,
  );
  const catalog = Catalog.builtin();
  const ir = lower({ flows: [main], defaultFolder: "expand test" }, catalog);
  return emitPack(ir, { template: (a, v) => catalog.get(a, v)?.template }, { created: "2026-01-01T00:00:00.000Z" });
}

const onlyFlow = (doc: Json): Json => Object.values<Json>(doc.data.flos)[0].data;
const expandCards = (fd: Json): Json[] => fd.methods.filter((m: Json) => m.address === EXPAND);
const edgesOf = (fd: Json, label: (uuid: string) => string): string[] =>
  Object.values<[string, string]>(fd.orderings)
    .map(([a, b]) => `${label(a)}>${label(b)}`)
    .sort();

/**
 * An expand card with its generated ids replaced by what they point to: the source card and output, and
 * each output group by its position. `_used` (emit's cache of pinned outputs) is left out.
 */
function masked(card: Json, source: Json, sourceOutputId: string): string {
  const groups = new Map<string, string>();
  const text = JSON.stringify(card, (key, value) => {
    if (key === "_used") return undefined;
    if (key === "group" && typeof value === "string")
      return groups.get(value) ?? (groups.set(value, `<group ${groups.size}>`), groups.get(value));
    return value;
  });
  const ids = new Map<string, string>([
    [source.uuid, "<source>"],
    [sourceOutputId, "<source output>"],
    [card.uuid, "<expand>"],
  ]);
  for (const side of ["inputs", "outputs"]) for (const id of Object.keys(card.node.model[side].data)) ids.set(id, `<${side} entry>`);
  for (const target of Object.values<Json>(card.pins)) for (const id of Object.keys(target)) ids.set(id, "<consumer>");
  let out = text;
  for (const [id, label] of ids) out = out.split(JSON.stringify(id)).join(JSON.stringify(label));
  // Pins carry consumer entry ids too.
  return out.replace(/"input":"[^"]*"/g, '"input":"<consumer input>"');
}

describe("f.expand", () => {
  const schema = {
    id: { type: "string", collection: false },
    profile: { type: { login: { type: "string", collection: false }, tags: { type: "string", collection: true } }, collection: false },
  };

  it("places a hidden Object Expand card named after its source, pinned from the output, one output group per field", () => {
    const doc = build({ User: schema }, (f) => {
      const { id, login, tags } = f.expand(f.trigger.$out("User"), { id: "id", login: ["profile", "login"], tags: ["profile", "tags"] });
      f.add(kernel.string.compose({ text: "x" }));
      f.add(kernel.string.base64({ string: id }));
      f.add(kernel.string.base64({ string: login }));
      void tags;
    });
    const fd = onlyFlow(doc);
    const [card] = expandCards(fd);
    const root = fd.methods.find((m: Json) => m.address === "root:kernel:control:0.0.1:callable");
    const user = Object.values<Json>(root.node.model.outputs.data).find((e) => e.key === "User");
    expect(card.node.data.name).toBe(root.uuid);
    expect(card.node.model.metadata.name).toBe(root.uuid);
    expect(card.node.model.displayed).toBe(false);
    const [input] = Object.values<Json>(card.node.model.inputs.data);
    expect(input).toMatchObject({
      key: "object",
      value: { type: schema, collection: false, data: {} },
      required: true,
      metadata: { srcMethodId: root.uuid, srcOutputId: user.id },
      flags: "d",
    });
    expect(root.pins[user.id][card.uuid]).toEqual([{ input: input.id, transform: null }]);
    const outputs = Object.values<Json>(card.node.model.outputs.data);
    expect(outputs.map((e) => [e.key, e.metadata.path, e.value.type, e.value.collection, e.ref])).toEqual([
      ["key", ["id"], "string", true, true],
      ["value", ["id"], "string", false, false],
      ["key", ["profile", "login"], "string", true, true],
      ["value", ["profile", "login"], "string", false, false],
      ["key", ["profile", "tags"], "string", true, true],
      ["value", ["profile", "tags"], "string", true, true],
    ]);
    expect(outputs.filter((e) => e.key === "key").map((e) => e.value.data)).toEqual([["id"], ["profile", "login"], ["profile", "tags"]]);
    expect(new Set(outputs.map((e) => e.group)).size).toBe(3);
    for (const e of outputs) expect(e.metadata).toMatchObject({ srcMethodId: root.uuid, srcOutputId: user.id });
    // The fields feed the cards that read them.
    const base64s = fd.methods.filter((m: Json) => m.address.endsWith(":base64"));
    const value = (path: string[]) => outputs.find((e) => e.key === "value" && JSON.stringify(e.metadata.path) === JSON.stringify(path));
    expect(Object.keys(card.pins).sort()).toEqual([value(["id"]).id, value(["profile", "login"]).id].sort());
    expect(Object.keys(card.pins[value(["id"]).id])).toEqual([base64s[0].uuid]);
    expect(validateFlopack(doc).filter((x) => x.severity === "error")).toEqual([]);
  });

  it("writes Okta's orderings: source → expand, and per field expand → the source's next card and a self-loop", () => {
    const doc = build({ User: schema }, (f) => {
      const { id, login } = f.expand(f.trigger.$out("User"), { id: "id", login: ["profile", "login"] });
      const c = f.add(kernel.string.compose({ text: "x" }));
      f.add(kernel.string.base64({ string: id }));
      f.add(kernel.string.base64({ string: login }));
      void c;
    });
    const fd = onlyFlow(doc);
    const names = new Map<string, string>(fd.methods.map((m: Json) => [m.uuid, m.address === EXPAND ? "expand" : m.node.data.name]));
    expect(edgesOf(fd, (u) => names.get(u)!)).toEqual(
      [
        "Helper Flow>expand",
        "expand>Compose",
        "expand>Compose",
        "expand>expand",
        "expand>expand",
        "Helper Flow>Compose",
        "Compose>Base64",
        "Base64>Base64",
      ].sort(),
    );
  });

  it("orders a second expand card of the same source after the first (edges to it, per field)", () => {
    const doc = build({ User: schema }, (f) => {
      const { id } = f.expand(f.trigger.$out("User"), { id: "id" });
      const { login, tags } = f.expand(f.trigger.$out("User"), { login: ["profile", "login"], tags: ["profile", "tags"] });
      f.add(kernel.string.base64({ string: id }));
      f.add(kernel.string.base64({ string: login }));
      void tags;
    });
    const fd = onlyFlow(doc);
    const [first, second] = expandCards(fd);
    const names = new Map<string, string>(
      fd.methods.map((m: Json) => [m.uuid, m === first ? "E1" : m === second ? "E2" : m.node.data.name]),
    );
    expect(edgesOf(fd, (u) => names.get(u)!).filter((e) => e.includes("E"))).toEqual(
      ["Helper Flow>E1", "E1>Base64", "E1>E1", "Helper Flow>E2", "E2>Base64", "E2>E1", "E2>Base64", "E2>E1", "E2>E2", "E2>E2"].sort(),
    );
  });

  it("is typed: each field is a ref any input takes; a path is a field name or a list of them (checked by tsc)", () => {
    const body = (f: FlowBuilder<Record<string, Ref>>): void => {
      const { id } = f.expand(f.trigger.$out("User"), { id: "id", login: ["profile", "login"] });
      f.add(kernel.string.base64({ string: id }));
      // @ts-expect-error a path is a field name or a list of field names
      f.expand(f.trigger.$out("User"), { id: 5 });
      // @ts-expect-error only the fields asked for
      void f.expand(f.trigger.$out("User"), { id: "id" }).login;
    };
    expect(() => build({ User: schema }, body)).toThrow(/field "id" needs a path/);
  });

  it("refuses paths the output's schema does not have, outputs without a schema, and things that are not outputs", () => {
    expect(() => build({ User: schema }, (f) => void f.expand(f.trigger.$out("User"), { x: ["profile", "email"] }))).toThrow(
      /has no field "profile\.email"; its fields: "id", "profile"/,
    );
    expect(() => build({ Plain: "object" }, (f) => void f.expand(f.trigger.$out("Plain"), { x: "id" }))).toThrow(
      /not an object with known fields/,
    );
    expect(() => build({ User: schema }, (f) => void f.expand("User" as never, { x: "id" }))).toThrow(/takes a card output/);
    expect(() => build({ User: schema }, (f) => void f.expand(f.trigger.$out("User"), {}))).toThrow(/at least one field/);
    expect(() => build({ User: schema }, (f) => void f.expand(f.trigger.$out("User"), { x: [] }))).toThrow(/field "x" needs a path/);
  });
});

const c = corpus();

/**
 * A real expand card whose source is the flow's root (a helper flow taking an object-schema parameter) with
 * one card after it and no other expand card of that source: a DSL flow of the same shape must give it back.
 */
function realExpand(): { card: Json; root: Json; output: Json; next: Json; fd: Json; file: string } | undefined {
  for (const file of c?.files ?? []) {
    const doc = readCorpusJson(file);
    for (const flo of Object.values<Json>(doc.data.flos)) {
      const fd = flo.data;
      const byUuid = new Map<string, Json>(fd.methods.map((m: Json) => [m.uuid, m]));
      const edges = Object.values<[string, string]>(fd.orderings);
      for (const card of expandCards(fd)) {
        const root = byUuid.get(card.node.data.name);
        if (root?.address !== "root:kernel:control:0.0.1:callable" || edges.some(([, b]) => b === root.uuid)) continue;
        if (expandCards(fd).filter((e) => e.node.data.name === root.uuid).length !== 1) continue;
        const next = edges.filter(([a, b]) => a === root.uuid && b !== card.uuid).map(([, b]) => byUuid.get(b));
        const [input] = Object.values<Json>(card.node.model.inputs.data);
        const output = root.node.model.outputs.data[input.metadata.srcOutputId];
        if (next.length === 1 && output) return { card, root, output, next: next[0], fd, file };
      }
    }
  }
  return undefined;
}

describe.skipIf(!c)("f.expand against a real export", () => {
  it("builds the expand card a real export has (ids aside), with the same orderings", () => {
    const real = realExpand();
    expect(real, "the corpus has an expand card of a helper flow's parameter").toBeDefined();
    const { card, root, output, fd } = real!;
    const paths = Object.values<Json>(card.node.model.outputs.data)
      .filter((e) => e.key === "value")
      .map((e) => e.metadata.path as string[]);
    const fields = Object.fromEntries(paths.map((p, i) => [`f${i}`, p]));
    const doc = build({ [output.key]: output.value.type }, (f) => {
      f.expand(f.trigger.$out(output.key), fields);
      f.add(kernel.string.compose({ text: "next" }));
    });
    const built = onlyFlow(doc);
    const [mine] = expandCards(built);
    const myRoot = built.methods.find((m: Json) => m.address === root.address);
    const myOutput = Object.values<Json>(myRoot.node.model.outputs.data).find((e) => e.key === output.key);
    const strip = (x: Json) => ({ ...x, pins: {} });
    expect(masked(strip(mine), myRoot, myOutput.id)).toBe(masked(strip(card), root, output.id));
    // Orderings of the expand card, by role.
    const role = (ids: { source: string; expand: string }) => (u: string) =>
      u === ids.source ? "source" : u === ids.expand ? "expand" : "next";
    const touching = (f: Json, ids: { source: string; expand: string }) =>
      edgesOf(
        { orderings: Object.fromEntries(Object.entries<[string, string]>(f.orderings).filter(([, e]) => e.includes(ids.expand))) },
        role(ids),
      );
    expect(touching(built, { source: myRoot.uuid, expand: mine.uuid })).toEqual(touching(fd, { source: root.uuid, expand: card.uuid }));
  });
});
