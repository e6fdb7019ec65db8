/**
 * Every generated event factory (`okta.userActivated`, `oktadevices.userMfa`...: a card whose `collection` output
 * lists the event's fields) builds an event flow that validates with no finding, whether or not any export shows a
 * flow on that event: its body starts with the card Okta makes from the event card (src/shapes/event-start.ts).
 * Each version a factory writes for its options (`alternates`, e.g. `useId: "No"`) is built too.
 * Before the start card was derived, 13 of the 21 factories built; the other 8 failed with "no catalog template
 * for root:kernel:control:0.0.1:callable named ...".
 */
import { describe, expect, it } from "vitest";
import { eventFields } from "../../src/codegen/card-types.js";
import { factoryIndex } from "../../src/codegen/factories.js";
import * as cards from "../../src/cards/index.js";
import { loadCatalog } from "../../src/catalog/store.js";
import { emitPack } from "../../src/compile/emit.js";
import { lower } from "../../src/compile/lower.js";
import { FlowFileErrors } from "../../src/dsl/errors.js";
import { collectingProblems } from "../../src/dsl/problems.js";
import type { CardSpec } from "../../src/dsl/types.js";
import { card, connection, event, flow } from "../../src/index.js";
import { validateText } from "../../src/rules/index.js";
import { eventStartTemplate } from "../../src/shapes/event-start.js";
import type { JsonObject } from "../../src/util/json.js";
import { comparable, eventAndStart } from "../support/event-flows.js";

type Obj = Record<string, any>;

/** One event flow built from a spec: its flopack, or the mistakes lowering reported. */
async function buildEventFlow(
  spec: () => CardSpec<unknown>,
  catalog = loadCatalog(),
): Promise<{ flopack: Obj; mistakes?: undefined } | { mistakes: string[] }> {
  return collectingProblems(async () => {
    try {
      const ir = lower(
        {
          flows: [flow({ name: "On Event", description: "Built by the test.", trigger: event(spec()) }, () => undefined)],
          defaultFolder: "Events",
        },
        catalog,
      );
      return { flopack: emitPack(ir, { template: (a, v) => catalog.get(a, v)?.template }, { created: "2000-01-01T00:00:00.000Z" }) };
    } catch (error) {
      if (error instanceof FlowFileErrors) return { mistakes: error.errors.map((e) => e.detail) };
      throw error;
    }
  });
}

/** Every event factory, once per address it writes: [path, address, the option values that pick it]. */
function eventFactories(): Array<[string, string, Record<string, unknown>]> {
  const out: Array<[string, string, Record<string, unknown>]> = [];
  const seen = new Set<string>();
  for (const info of factoryIndex().values()) {
    const path = info.path.join(".");
    if (!eventFields(info.shape) || seen.has(path)) continue;
    seen.add(path);
    out.push([path, info.meta.address, {}]);
    for (const [address, , options] of info.meta.alternates ?? [])
      out.push([path, address, Object.fromEntries(Object.entries(options).map(([k, v]) => [k, v[0]]))]);
  }
  return out;
}

describe("every generated event factory builds an event flow", () => {
  it("that validates with no finding, its body starting with the card derived from the event card", async () => {
    const factories = eventFactories();
    const failed: string[] = [];
    for (const [path, address, options] of factories) {
      let factory: unknown = cards;
      for (const name of path.split(".")) factory = (factory as Obj)[name];
      const okta = connection("Org", address.split(":")[3]!);
      const built = await buildEventFlow(() => (factory as (p: object) => CardSpec<unknown>)({ connection: okta, ...options }));
      if (built.mistakes) {
        failed.push(`${path} ${address}: ${built.mistakes.join("; ")}`);
        continue;
      }
      const findings = await validateText(JSON.stringify(built.flopack), "event.flow");
      const { event: eventCard, start } = eventAndStart(built.flopack);
      if (eventCard.address !== address) failed.push(`${path}: built ${eventCard.address}, not ${address}`);
      if (findings.length > 0) failed.push(`${path} ${address}: ${findings.map((f) => `${f.code} ${f.message}`).join("; ")}`);
      const derived = eventStartTemplate(eventCard as JsonObject);
      if (!derived || JSON.stringify(comparable(derived)) !== JSON.stringify(comparable(start)))
        failed.push(`${path} ${address}: the start card is not the one derived from the event card`);
    }
    expect(failed).toEqual([]);
    console.log(`event factories: ${factories.length} (${new Set(factories.map((f) => f[0])).size} factories) built, 0 failed`);
    expect(new Set(factories.map((f) => f[0])).size).toBeGreaterThanOrEqual(21);
  }, 120_000);
});

describe("an event card that does not list its fields", () => {
  it("is a build error saying why and what to do", async () => {
    const catalog = loadCatalog();
    const address = "root:channels:http:okta:9.9.9:oddEvent";
    const base = catalog.get("root:channels:http:okta:1.0.577:userActivated")!;
    const template = structuredClone(base.template) as Obj;
    for (const e of Object.values(template.node.model.outputs.data) as Obj[]) if (e.key === "collection") e.value.type = "object";
    template.address = address;
    catalog.add({ ...base, address, template });
    const built = await buildEventFlow(() => card(address, { connection: connection("Org", "okta") }), catalog);
    expect(built.mistakes).toEqual([
      `${address} cannot start a flow: its "collection" output does not list the fields each run receives, so flocode cannot make ` +
        "the flow's start card; learn it from an export of a flow on this event with `flocode catalog learn`",
    ]);
  });
});
