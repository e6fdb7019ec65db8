/**
 * Wormholes as lower writes them (FLOPACK.md §6.3): outer values used inside inline flows come in through pairs of
 * hidden `context` fields in the shape Okta exports, one pair per start card and outer output, chained through
 * nested inline flows; and the compact `{ key, group: "context", type, wormhole }` field form.
 */
import { describe, expect, it } from "vitest";
import { card, flow, helperFlow, inline, pack } from "../../src/index.js";
import type { Card, FlowDef } from "../../src/index.js";
import { Catalog } from "../../src/catalog/store.js";
import { lower } from "../../src/compile/lower.js";
import { emitPack } from "../../src/compile/emit.js";
import { validateFlopack } from "../../src/rules/validate.js";

const CONCAT = "root:kernel:string:0.0.1:concat";
const TRY = "root:kernel:control:0.0.1:tryCatch";
const CALLABLE = "root:kernel:control:0.0.1:callable";

type Obj = Record<string, any>;

export function build(flows: FlowDef[]): Obj {
  const def = pack({ name: "wormholes", flows });
  const ir = lower({ flows, pack: def, defaultFolder: "wormholes" }, Catalog.builtin());
  return emitPack(ir, { template: (a, v) => Catalog.builtin().get(a, v)?.template }, { created: "2026-01-01T00:00:00.000Z" }) as Obj;
}

const entries = (m: Obj, side: "inputs" | "outputs"): Obj[] => Object.values(m.node.model[side].data);
const context = (m: Obj, side: "inputs" | "outputs"): Obj[] =>
  entries(m, side).filter((e) => e.group === "context" && "wormholeMethodId" in e.metadata);
const tryCards = (scope: Obj): Obj[] => scope.methods.filter((m: Obj) => m.address === TRY);
const attemptOf = (t: Obj): Obj => entries(t, "inputs").find((e) => e.key === "flo")!.value.data;
const startOf = (scope: Obj): Obj => scope.methods.find((m: Obj) => m.address === CALLABLE);
/** Every pin of a scope as "card.outputKey -> card.inputKey". */
function wires(scope: Obj): string[] {
  const byId = new Map<string, Obj>(scope.methods.map((m: Obj) => [m.uuid, m]));
  const out: string[] = [];
  for (const m of scope.methods) {
    for (const [o, targets] of Object.entries<Obj>(m.pins)) {
      for (const [t, list] of Object.entries<Obj[]>(targets)) {
        const target = byId.get(t)!;
        for (const p of list)
          out.push(
            `${m.node.data.name}.${m.node.model.outputs.data[o].key} -> ${target.node.data.name}.${target.node.model.inputs.data[p.input].key}`,
          );
      }
    }
  }
  return out.sort();
}

const params = { first: "string", last: "string" } as const;

describe("automatic wormholes", () => {
  it("writes each end in the shape Okta exports, linked to the card at the other end", () => {
    const main = flow({ name: "Main", trigger: helperFlow({ params }) }, (f) => {
      const name = f.add(card(CONCAT, { name: "Name", inputs: { string1: f.trigger.$out("first"), string2: f.trigger.$out("last") } }));
      f.ifError((t) => {
        t.add(card(CONCAT, { name: "Greeting", inputs: { string1: "Hi ", string2: name.$out("output") } }));
      });
    });
    const doc = build([main]);
    const fd = Object.values<Obj>(doc.data.flos)[0]!.data;
    const tryCatch = tryCards(fd)[0]!;
    const start = startOf(attemptOf(tryCatch));
    const [entrance] = context(tryCatch, "inputs");
    const key = entrance!.key;
    // The shapes measured on the corpus (FLOPACK.md §6.3): 714 of 715 exits, every entrance.
    expect(entrance).toEqual({
      id: entrance!.id,
      group: "context",
      key,
      value: { error: false, proxy: false, check: false, type: "string", collection: false, data: null, available: [] },
      required: false,
      ref: false,
      metadata: { forceHide: true, wormholeMethodId: start.uuid },
      flags: "d",
    });
    const [exitIn] = context(start, "inputs");
    const [exitOut] = context(start, "outputs");
    expect({ ...exitIn, id: undefined }).toEqual({
      id: undefined,
      group: "context",
      key,
      value: { error: false, type: "string", collection: false, data: null, available: [] },
      ref: false,
      metadata: { forceHide: true, wormholeMethodId: tryCatch.uuid },
      required: false,
      flags: "d",
    });
    expect({ ...exitOut, id: undefined, _used: undefined }).toEqual({
      id: undefined,
      _used: undefined,
      group: "context",
      key,
      value: { error: false, type: "string", collection: false, data: null, available: [] },
      ref: false,
      metadata: { forceHide: true, wormholeMethodId: tryCatch.uuid },
    });
    expect(wires(fd)).toContain(`Name.output -> If Error.${key}`);
    expect(wires(attemptOf(tryCatch))).toEqual([`Helper Flow.${key} -> Greeting.string2`]);
    expect(validateFlopack(doc).filter((x) => x.severity === "error")).toEqual([]);
  });

  it("gives the attempt and the handler their own wormhole for the same outer value", () => {
    const main = flow({ name: "Main", trigger: helperFlow({ params }) }, (f) => {
      f.ifError(
        (t) => void t.add(card(CONCAT, { name: "Try", inputs: { string1: f.trigger.$out("first"), string2: "" } })),
        (e) => void e.add(card(CONCAT, { name: "Catch", inputs: { string1: f.trigger.$out("first"), string2: "" } })),
      );
    });
    const doc = build([main]);
    const fd = Object.values<Obj>(doc.data.flos)[0]!.data;
    const tryCatch = tryCards(fd)[0]!;
    const entrancesIn = context(tryCatch, "inputs");
    expect(entrancesIn).toHaveLength(2);
    expect(new Set(entrancesIn.map((e) => e.key)).size).toBe(2);
    const handler = tryCatch.node.model.policy.error.flo;
    expect(entrancesIn.map((e) => e.metadata.wormholeMethodId).sort()).toEqual(
      [startOf(attemptOf(tryCatch)).uuid, startOf(handler).uuid].sort(),
    );
    // One pin into each entrance (the same key twice made two pins into one input: an invalid flopack).
    expect(wires(fd).filter((w) => w.startsWith("Helper Flow.first -> If Error."))).toHaveLength(2);
    expect(validateFlopack(doc).filter((x) => x.severity === "error")).toEqual([]);
  });

  it("passes a value two inline flows deep through one wormhole per level", () => {
    const main = flow({ name: "Main", trigger: helperFlow({ params }) }, (f) => {
      f.ifError((outer) => {
        outer.ifError((inner) => {
          inner.add(card(CONCAT, { name: "Deep", inputs: { string1: f.trigger.$out("last"), string2: "" } }));
        });
      });
    });
    const doc = build([main]);
    const fd = Object.values<Obj>(doc.data.flos)[0]!.data;
    const outerTry = tryCards(fd)[0]!;
    const outerScope = attemptOf(outerTry);
    const innerTry = tryCards(outerScope)[0]!;
    const [k1] = context(outerTry, "inputs").map((e) => e.key);
    const [k2] = context(innerTry, "inputs").map((e) => e.key);
    expect(wires(fd)).toContain(`Helper Flow.last -> If Error.${k1}`);
    expect(wires(outerScope)).toContain(`Helper Flow.${k1} -> If Error.${k2}`);
    expect(wires(attemptOf(innerTry))).toEqual([`Helper Flow.${k2} -> Deep.string1`]);
    expect(validateFlopack(doc).filter((x) => x.severity === "error")).toEqual([]);
  });
});

describe("wormhole fields written out", () => {
  it("expands { key, group: 'context', type, wormhole } to the entrance or exit shape by the card it is on", () => {
    const main = flow({ name: "Main", trigger: helperFlow({ params }) }, (f) => {
      let start: Card<unknown> = f.trigger;
      const holder: Card<unknown> = f.add(
        card(TRY, {
          inputs: {
            flo: inline(
              card(CALLABLE, {
                name: "Helper Flow",
                customInputs: [
                  {
                    key: "k1",
                    group: "context",
                    type: "string",
                    get wormhole() {
                      return holder;
                    },
                  },
                ],
              }),
              (g) => {
                start = g.trigger;
                g.add(card(CONCAT, { name: "Use", inputs: { string1: g.trigger.$out("k1"), string2: "" } }));
              },
            ) as never,
          },
          customInputs: [
            {
              key: "k1",
              group: "context",
              type: "string",
              value: f.trigger.$out("first"),
              get wormhole() {
                return start;
              },
            },
          ],
        }),
      );
    });
    const doc = build([main]);
    const fd = Object.values<Obj>(doc.data.flos)[0]!.data;
    const tryCatch = tryCards(fd)[0]!;
    const start = startOf(attemptOf(tryCatch));
    const strip = (e: Obj): Obj => ({ ...e, id: undefined, _used: undefined, metadata: { ...e.metadata, wormholeMethodId: undefined } });
    expect(strip(context(tryCatch, "inputs")[0]!)).toEqual(
      strip({
        group: "context",
        key: "k1",
        value: { error: false, proxy: false, check: false, type: "string", collection: false, data: null, available: [] },
        required: false,
        ref: false,
        metadata: { forceHide: true },
        flags: "d",
      }),
    );
    // The start card's input is mirrored onto its outputs, still linked to the If Error card.
    expect(strip(context(start, "outputs")[0]!)).toEqual(
      strip({
        group: "context",
        key: "k1",
        value: { error: false, type: "string", collection: false, data: null, available: [] },
        ref: false,
        metadata: { forceHide: true },
      }),
    );
    expect(context(start, "inputs")[0]!.metadata.wormholeMethodId).toBe(tryCatch.uuid);
    expect(context(start, "outputs")[0]!.metadata.wormholeMethodId).toBe(tryCatch.uuid);
    expect(context(tryCatch, "inputs")[0]!.metadata.wormholeMethodId).toBe(start.uuid);
    expect(wires(fd)).toContain("Helper Flow.first -> If Error.k1");
  });
});

describe("wormhole fields with the ref flag", () => {
  it("keeps ref: true on a written-out end (one exit of the corpus has it)", () => {
    const main = flow({ name: "Main", trigger: helperFlow({ params }) }, (f) => {
      let start: Card<unknown> = f.trigger;
      const holder: Card<unknown> = f.add(
        card(TRY, {
          inputs: {
            flo: inline(
              card(CALLABLE, {
                name: "Helper Flow",
                customInputs: [
                  {
                    key: "k1",
                    group: "context",
                    type: "string",
                    refFlag: true,
                    get wormhole() {
                      return holder;
                    },
                  },
                ],
              }),
              (g) => {
                start = g.trigger;
              },
            ) as never,
          },
          customInputs: [
            {
              key: "k1",
              group: "context",
              type: "string",
              value: f.trigger.$out("first"),
              get wormhole() {
                return start;
              },
            },
          ],
        }),
      );
    });
    const fd = Object.values<Obj>(build([main]).data.flos)[0]!.data;
    const tryCatch = tryCards(fd)[0]!;
    const start = startOf(attemptOf(tryCatch));
    expect(context(start, "inputs")[0]!.ref).toBe(true);
    expect(context(start, "outputs")[0]!.ref).toBe(true);
    expect(context(tryCatch, "inputs")[0]!.ref).toBe(false);
  });
});

describe("f.ifError options", () => {
  const RETURN = "root:kernel:control:0.0.1:return";
  it("keeps a Return the body placed last, and takes the card's name, a block's start card and inline-flow keys", () => {
    const main = flow({ name: "Main", trigger: helperFlow({ params }) }, (f) => {
      f.ifError(
        (t) => void t.add(card(RETURN, { customInputs: [{ key: "done", type: "string", value: f.trigger.$out("first") }] })),
        undefined,
        {
          name: "Careful",
          onError: {
            start: card(CALLABLE, { variant: "9c69c833" }),
            shape: {
              id: null,
              uuid: "",
              tree: { id: 1, name: "all" },
              methods: [],
              model: {},
              orderings: {},
              security_level: "high",
              log: false,
              inheritLog: false,
              group: null,
            },
          },
        },
      );
    });
    const fd = Object.values<Obj>(build([main]).data.flos)[0]!.data;
    const tryCatch = tryCards(fd)[0]!;
    expect(tryCatch.node.data.name).toBe("Careful");
    const attempt = attemptOf(tryCatch);
    expect(attempt.methods.map((m: Obj) => m.address)).toEqual([CALLABLE, RETURN]);
    expect(entries(attempt.methods[1], "inputs").map((e) => e.key)).toContain("done");
    const handler = tryCatch.node.model.policy.error.flo;
    expect(handler.methods.map((m: Obj) => m.node.data.name)).toEqual(["Helper Flow", "Return"]);
    // The start card asked for (the variant whose only output is the error), not ifError's default one.
    expect(entries(handler.methods[0], "outputs").map((e) => e.key)).toEqual(["error"]);
    expect(entries(attempt.methods[0], "outputs").map((e) => e.key)).not.toEqual(["error"]);
    expect(handler).toMatchObject({ tree: { id: 1, name: "all" }, security_level: "high" });
  });
});
