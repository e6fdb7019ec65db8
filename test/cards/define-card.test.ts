import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { kernel, office365admin, stash } from "../../src/cards/index.js";
import { Catalog } from "../../src/catalog/store.js";
import { resolveInputName, resolveOutputName } from "../../src/catalog/resolve.js";
import { checkValue, chooseVariant, defineCard, factoryMetaOf, type FactoryMeta } from "../../src/dsl/define-card.js";
import type { Connection } from "../../src/dsl/types.js";

const thisFile = fileURLToPath(import.meta.url);
const m365: Connection<"office365admin"> = { kind: "connection", name: "Office 365 Admin", connector: "office365admin" };
const ref = (output: string) => ({ kind: "ref", node: { kind: "cardNode" }, output }) as never;

describe("defineCard (generated factories)", () => {
  it("maps camelCase props to entry keys: options and inputs, variant from the option values", () => {
    const spec = office365admin.customApiAction({ connection: m365, requestType: "GET", relativeUrl: "/Me", name: "Who am I" });
    const address = "root:channels:http:office365admin:1.0.72:customAPIAction";
    const expectedVariant = Catalog.builtin().findByOptions(address, { requestType: "GET" })?.variant;
    expect(expectedVariant).toMatch(/^[0-9a-f]{8}$/);
    expect(spec).toEqual({
      kind: "card",
      address,
      variant: expectedVariant,
      name: "Who am I",
      connection: m365,
      options: { requestType: "GET" },
      inputs: { "Relative URL": "/Me" },
      site: { file: thisFile, line: expect.any(Number), column: expect.any(Number) },
    });
  });

  it("specs are frozen", () => {
    const spec = office365admin.customApiAction({ relativeUrl: "/Me" });
    expect(Object.isFrozen(spec) && Object.isFrozen(spec.inputs)).toBe(true);
  });

  it("records the caller's line", () => {
    const line = Number(new Error().stack!.split("\n")[1]!.match(/:(\d+):\d+\)?$/)![1]) + 1;
    const spec = office365admin.getLicenses();
    expect(spec.site).toEqual({ file: thisFile, line, column: expect.any(Number) });
  });

  it("a key repeated in two groups becomes group/key; refs pass through", () => {
    const user = ref("id");
    const spec = office365admin.addUserToGroup({ userId: user, groupId: "g-1" });
    expect(spec.inputs).toEqual({ "User/id": user, "Group/id": "g-1" });
    expect(spec.variant).toBeUndefined();
  });

  it("kernel factories: kernel.<module>.<action>, reserved words as names", () => {
    expect(kernel.control.if({ operator: "==", leftOperand: 1, rightOperand: 2 }).address).toBe("root:kernel:control:0.0.1:if");
    expect(kernel.string.compose({ text: "Hi {{{x}}}" }).inputs).toEqual({ _text_: "Hi {{{x}}}" });
  });

  it("connector namespaces carry their connector key; the Tables option takes a table", () => {
    expect(office365admin.$connector).toBe("office365admin");
    const users = { kind: "table", name: "Users", columns: [] } as const;
    expect(stash.createRow({ stash: users }).options).toEqual({ stash: users });
    expect(() => stash.createRow({ stash: "b6dd9ba6-00b2-4fee-ac95-8a8811f2e683" } as never)).toThrow(
      /property "stash" must be a table \(table\(\.\.\.\)\)/,
    );
  });

  it("rejects unknown properties with the card and property named, at the caller's line (exit 1)", () => {
    const call = () => office365admin.customApiAction({ relativeURL: "/Me" } as never);
    expect(call).toThrow(
      expect.objectContaining({
        name: "DslError",
        exitCode: 1,
        message: expect.stringMatching(new RegExp(`^${thisFile.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}:\\d+:\\d+: Custom API Action`)),
      }),
    );
    expect(call).toThrow('Custom API Action (root:channels:http:office365admin:1.0.152:customAPIAction): unknown property "relativeURL"');
    expect(call).toThrow(/known: requestType, relativeUrl, query, headers/);
  });

  it("rejects constants of the wrong JS type, naming the property", () => {
    expect(() => office365admin.customApiAction({ relativeUrl: 42 } as never)).toThrow(
      /Custom API Action .*: property "relativeUrl" must be a string, got number 42/,
    );
    expect(() => office365admin.customApiAction({ requestType: "FETCH" } as never)).toThrow(
      /property "requestType" must be one of "GET", "POST", "PUT", "PATCH", "DELETE", got the string "FETCH"/,
    );
    expect(() => office365admin.customApiAction({ headers: [] } as never)).toThrow(/property "headers" must be an object, got an array/);
    expect(() => kernel.math.add({ a: "1", b: 2 } as never)).toThrow(/property "a" must be a finite number, got the string "1"/);
    expect(() => office365admin.getLicenses({ name: 3 } as never)).toThrow(/property "name" must be a string/);
    expect(() => office365admin.getLicenses("x" as never)).toThrow(/expected one props object/);
    expect(() => office365admin.getLicenses({ connection: "Office 365 Admin" } as never)).toThrow(
      /property "connection" must be a connection/,
    );
    expect(() => kernel.string.compose({ text: "x", connection: m365 } as never)).toThrow(
      /"connection" is not taken: function cards take no connection/,
    );
  });

  it("__proto__ in props is treated as an unknown property, never as a prototype", () => {
    const props = JSON.parse('{"__proto__": {"relativeUrl": "/x"}}');
    expect(() => office365admin.customApiAction(props)).toThrow(/unknown property "__proto__"/);
  });

  it("exposes the output names of a factory-made spec", () => {
    const spec = office365admin.customApiAction();
    expect(factoryMetaOf(spec)?.outputs).toContainEqual(["body", "Response", "Body"]);
    const address = spec.address;
    expect(resolveOutputName(Catalog.builtin(), address, "body")).toEqual({ group: "Response", key: "Body" });
    expect(resolveOutputName(Catalog.builtin(), address, "Status Code")).toEqual({ group: "Response", key: "Status Code" });
    expect(resolveInputName(Catalog.builtin(), address, "relativeUrl")).toEqual({ group: "Request", key: "Relative URL" });
    expect(resolveOutputName(Catalog.builtin(), address, "nope")).toBeUndefined();
    // Ambiguous bare keys need "group/key" or the property name.
    const addUser = office365admin.addUserToGroup({ userId: "u", groupId: "g" }).address;
    expect(resolveInputName(Catalog.builtin(), addUser, "id")).toBeUndefined();
    expect(resolveInputName(Catalog.builtin(), addUser, "Group/id")).toEqual({ group: "Group", key: "id" });
    expect(resolveInputName(Catalog.builtin(), addUser, "userId")).toEqual({ group: "User", key: "id" });
    // The shape cache follows catalog changes.
    const copy = Catalog.builtin().clone();
    expect(resolveOutputName(copy, address, "body")).toEqual({ group: "Response", key: "Body" });
    for (const v of copy.variants(address))
      copy.add({ ...v, template: { ...v.template, node: { key: "x", model: { outputs: { data: {} } } } } });
    expect(resolveOutputName(copy, address, "body")).toBeUndefined();
  });
});

describe("variant choice and value checks", () => {
  const meta: FactoryMeta = {
    address: "root:channels:http:x:1.0.0:act",
    name: "Act",
    inputs: [
      ["mode", "mode", "p:s", ["a", "b", "c"]],
      ["table", "stash", "p:s"],
      ["items", "Items", "s[]|o"],
    ],
    outputs: [],
    variants: [
      ["v1", { mode: ["a", "b"] }],
      ["v2", { mode: ["b", "c"] }],
    ],
  };

  it("chooses the first (most used) variant recording the option values; unrecorded options do not count", () => {
    expect(chooseVariant(meta, { mode: "b" })).toBe("v1");
    expect(chooseVariant(meta, { mode: "c", stash: "t-1" })).toBe("v2");
    expect(chooseVariant(meta, { stash: "t-1" })).toBeUndefined();
    const act = defineCard<{ mode?: string; table?: string; items?: unknown; variant?: string }, object>(meta);
    expect(act({ mode: "c" }).variant).toBe("v2");
    expect(act({ mode: "c", variant: "v1" }).variant).toBe("v1");
    expect(act({ table: "t-1" }).options).toEqual({ stash: "t-1" });
  });

  it("type codes: alternatives, lists, null and refs", () => {
    expect(checkValue(["a", "b"], "s[]|o")).toBeUndefined();
    expect(checkValue({ a: 1 }, "s[]|o")).toBeUndefined();
    expect(checkValue([1], "s[]|o")).toBe("must be a list of (a string) or an object, got an array");
    expect(checkValue(null, "n")).toBeUndefined();
    expect(checkValue({ kind: "ref" }, "n")).toBeUndefined();
    expect(checkValue({ kind: "convert" }, "b")).toBeUndefined();
    expect(checkValue(Number.NaN, "n")).toMatch(/finite number/);
    expect(checkValue({ kind: "flowName", name: "x" }, "F")).toBeUndefined();
    expect(checkValue("x", "F")).toMatch(/a flow/);
    expect(checkValue(Symbol("x"), "*")).toBeUndefined();
  });
});
