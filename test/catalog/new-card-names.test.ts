/**
 * A new card is the card's clean shape (issue 11): over every typed factory, with no options and with each value of
 * each of its options, the card it writes carries its card's own name (the one Okta gives it, card-names.ts), never
 * one export's author's rename: every variant of a connector action (every version) has one name, the factory's,
 * and the template holds it wherever it holds the name.
 */
import { describe, expect, it } from "vitest";
import { Catalog } from "../../src/catalog/store.js";
import { chooseCardVariant, factoryMeta } from "../../src/dsl/define-card.js";
import type { Json } from "../../src/ir/types.js";
import { parseAddress } from "../../src/shapes/address.js";
import { isObject } from "../../src/util/json.js";
import { factories } from "../support/factory-cards.js";

const catalog = Catalog.builtin();

/** The names a connector action's entries carry, over every version and variant. */
function familyNames(address: string): Set<string> {
  const family = parseAddress(address)!.moduleKey;
  const out = new Set<string>();
  for (const e of catalog.entries()) if (parseAddress(e.address)?.moduleKey === family) out.add(e.name);
  return out;
}

/** The names a template holds: `node.data.name` and `model.metadata.name`. */
function templateNames(template: Record<string, Json>): Json[] {
  const node = isObject(template.node) ? template.node : {};
  const model = isObject(node.model) ? node.model : {};
  return [isObject(node.data) ? node.data.name : undefined, isObject(model.metadata) ? model.metadata.name : undefined].filter((n) => n !== undefined);
}

describe("the name of a new card", () => {
  it("is its card's own name, over every factory and option value", () => {
    const wrong: string[] = [];
    let judged = 0;
    for (const { path, factory } of factories()) {
      const meta = factoryMeta(factory)!;
      const asked: Array<Record<string, Json>> = [{}];
      for (const [, key, code, choices] of meta.inputs) if (code.startsWith("p:")) for (const value of choices ?? []) asked.push({ [key]: value });
      for (const options of asked) {
        const chosen = chooseCardVariant(meta, options);
        const entry = catalog.get(chosen.address, chosen.variant);
        if (!entry) continue;
        judged++;
        const where = `${path.join(".")} ${JSON.stringify(options)}`;
        if (entry.name !== meta.name) wrong.push(`${where}: writes ${JSON.stringify(entry.name)}, the factory is ${JSON.stringify(meta.name)}`);
        if (templateNames(entry.template).some((n) => n !== entry.name)) wrong.push(`${where}: its template holds ${JSON.stringify(templateNames(entry.template))}`);
        if (parseAddress(entry.address)?.kind !== "connector" || (modelWebhook(entry.template) ?? false)) continue;
        const all = familyNames(entry.address);
        if (all.size > 1) wrong.push(`${where}: the card's variants are named ${JSON.stringify([...all])}`);
      }
    }
    expect(judged).toBeGreaterThan(500);
    expect(wrong).toEqual([]);
  });

  it("is Okta's, where exports renamed the card", () => {
    const call = (path: string, options: Record<string, Json>) => {
      const meta = factoryMeta(factories().find((f) => f.path.join(".") === path)!.factory)!;
      const chosen = chooseCardVariant(meta, options);
      return [meta.name, catalog.get(chosen.address, chosen.variant)!.name];
    };
    for (const requestType of ["GET", "POST", "PUT", "PATCH", "DELETE"]) expect(call("okta.httpRequest", { requestType })).toEqual(["Custom API Action", "Custom API Action"]);
    for (const options of [{}, { requestType: "GET" }, { requestType: "POST" }, { requestType: "DELETE" }] as Array<Record<string, Json>>)
      expect(call("pagerduty.customApiAction", options)).toEqual(["Custom API Action", "Custom API Action"]);
  });
});

function modelWebhook(template: Record<string, Json>): boolean | undefined {
  const node = isObject(template.node) ? template.node : {};
  const model = isObject(node.model) ? node.model : {};
  return typeof model.webhook === "boolean" ? model.webhook : undefined;
}
