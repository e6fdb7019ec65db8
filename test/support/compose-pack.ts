/**
 * Small packs with Compose cards, built with the DSL (lower + emit), for the compose codegen and normaliser tests.
 */
import { card, compose, flow, pack, schedule } from "../../src/index.js";
import type { Card, CardSpec, FlowBuilder } from "../../src/index.js";
import type { ScheduleOutputs } from "../../src/dsl/schedule.js";
import { Catalog } from "../../src/catalog/store.js";
import { emitPack } from "../../src/compile/emit.js";
import { lower } from "../../src/compile/lower.js";
import type { JsonObject } from "../../src/ir/types.js";

export const LET = "root:kernel:control:0.0.1:let";
export const COMPOSE = "root:kernel:string:0.0.1:compose";

/** A template strings array, as a template literal would pass it (for texts chosen at run time). */
export function templateStrings(parts: readonly string[]): TemplateStringsArray {
  return Object.assign([...parts], { raw: [...parts] }) as unknown as TemplateStringsArray;
}

/**
 * One scheduled flow: two Assign cards (outputs `first`, `second`), then whatever `body` adds given them.
 * Returns the emitted flopack.
 */
export function composePack(body: (f: FlowBuilder<ScheduleOutputs>, first: Card<unknown>, second: Card<unknown>) => void): JsonObject {
  const main = flow({ name: "Compose", trigger: schedule.daily({ at: "09:00", timeZone: "UTC" }) }, (f) => {
    const a = f.add(card(LET, { name: "A", customInputs: [{ key: "first", type: "string", value: "1" }] }));
    const b = f.add(card(LET, { name: "B", customInputs: [{ key: "second", type: "number", value: 2 }] }));
    body(f, a, b);
  });
  const def = pack({ name: "compose", flows: [main] });
  const catalog = Catalog.builtin();
  const ir = lower({ flows: [main], pack: def, defaultFolder: "compose" }, catalog);
  return emitPack(ir, { template: (a, v) => catalog.get(a, v)?.template }, { created: "2026-01-01T00:00:00.000Z" });
}

/** A pack whose flow adds one Compose card: `parts` around the outputs of A and B (in that order, as many as fit). */
export function simpleComposePack(parts: readonly string[]): JsonObject {
  return composePack((f, a, b) => {
    const refs = [a.$out("first"), b.$out("second")];
    f.add(compose(templateStrings(parts), ...refs.slice(0, parts.length - 1)));
  });
}

/** Every card object (`methods[]` item) of a flopack with this address, inline flows included. */
export function cardsOf(doc: JsonObject, address: string): JsonObject[] {
  const out: JsonObject[] = [];
  const visit = (scope: unknown): void => {
    const methods = (scope as { methods?: unknown[] }).methods ?? [];
    for (const m of methods as JsonObject[]) {
      if (m.address === address) out.push(m);
      const model = (m.node as JsonObject | undefined)?.model as JsonObject | undefined;
      for (const side of ["inputs", "outputs"]) {
        for (const e of Object.values(((model?.[side] as JsonObject | undefined)?.data ?? {}) as Record<string, JsonObject>)) {
          const v = e.value as JsonObject | undefined;
          if (v?.type === "flo" && v.data && typeof v.data === "object") visit(v.data);
        }
      }
    }
  };
  for (const flo of Object.values((doc.data as JsonObject).flos as Record<string, JsonObject>)) visit(flo.data);
  return out;
}

/** The inputs of a card by key (entry objects, mutable). */
export function inputsOf(m: JsonObject): Map<string, JsonObject> {
  const data = ((m.node as JsonObject).model as JsonObject).inputs as JsonObject;
  return new Map(Object.values(data.data as Record<string, JsonObject>).map((e) => [String(e.key), e]));
}

export type { CardSpec };
