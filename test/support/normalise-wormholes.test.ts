/**
 * The normaliser compares wormhole keys (random pairing tokens, FLOPACK.md §6.3) by what the wormhole carries:
 * renaming a pair is not a difference, wiring it to another value, inside or outside, is.
 */
import { describe, expect, it } from "vitest";
import { card, flow, helperFlow, pack } from "../../src/index.js";
import { Catalog } from "../../src/catalog/store.js";
import { lower } from "../../src/compile/lower.js";
import { emitPack } from "../../src/compile/emit.js";
import { firstDifference, normaliseFlopack } from "./normalise.js";

type Obj = Record<string, any>;
const CONCAT = "root:kernel:string:0.0.1:concat";

/** A flow whose If Error reads two outer values (two wormhole pairs into the attempt). */
function flopack(): Obj {
  const main = flow({ name: "Main", trigger: helperFlow({ params: { first: "string", last: "string" } }) }, (f) => {
    f.ifError((t) => {
      t.add(card(CONCAT, { name: "Greeting", inputs: { string1: f.trigger.$out("first"), string2: f.trigger.$out("last") } }));
    });
  });
  const def = pack({ name: "n", flows: [main] });
  const ir = lower({ flows: [main], pack: def, defaultFolder: "n" }, Catalog.builtin());
  return emitPack(ir, { template: (a, v) => Catalog.builtin().get(a, v)?.template }, { created: "2026-01-01T00:00:00.000Z" }) as Obj;
}

const methods = (doc: Obj): Obj[] => Object.values<Obj>(doc.data.flos)[0]!.data.methods;
const byAddress = (list: Obj[], suffix: string): Obj => list.find((m) => m.address.endsWith(suffix))!;
const wormholeKeys = (doc: Obj): string[] =>
  Object.values<Obj>(byAddress(methods(doc), ":tryCatch").node.model.inputs.data)
    .filter((e) => e.group === "context")
    .map((e) => e.key);
const differs = (a: Obj, b: Obj): string | undefined => firstDifference(normaliseFlopack(a), normaliseFlopack(b));

describe("normaliser: wormhole keys", () => {
  it("ignores the keys' values", () => {
    const a = flopack();
    const keys = wormholeKeys(a);
    expect(keys).toHaveLength(2);
    let text = JSON.stringify(a);
    keys.forEach((k, i) => (text = text.split(`"${k}"`).join(`"renamed-${i}"`)));
    const b = JSON.parse(text) as Obj;
    expect(wormholeKeys(b)).toEqual(["renamed-0", "renamed-1"]);
    expect(differs(a, b)).toBeUndefined();
  });

  it("sees an entrance wired to another outer value", () => {
    const a = flopack();
    const b = structuredClone(a);
    const trigger = byAddress(methods(b), ":callable");
    const outputs = Object.values<Obj>(trigger.node.model.outputs.data);
    const first = outputs.find((e) => e.key === "first")!.id;
    const last = outputs.find((e) => e.key === "last")!.id;
    // Both entrances now read "last".
    const tryUuid = byAddress(methods(b), ":tryCatch").uuid;
    trigger.pins[last][tryUuid].push(...trigger.pins[first][tryUuid]);
    delete trigger.pins[first];
    expect(differs(a, b)).toMatch(/wormhole/);
  });

  it("sees exits swapped inside the inline flow", () => {
    const a = flopack();
    const b = structuredClone(a);
    const attempt = Object.values<Obj>(byAddress(methods(b), ":tryCatch").node.model.inputs.data).find((e) => e.key === "flo")!.value.data;
    const start = byAddress(attempt.methods, ":callable");
    const [x, y] = Object.values<Obj>(start.pins).map((targets) => Object.values<Obj[]>(targets)[0]![0]!);
    [x!.input, y!.input] = [y!.input, x!.input];
    expect(differs(a, b)).toMatch(/wormhole/);
  });
});
