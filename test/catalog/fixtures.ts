import type { JsonObject } from "../../src/ir/types.js";

/** A small card in the exported shape (FLOPACK.md §4), with the parts a test wants to vary. */
export function card(opts: {
  uuid: string;
  address: string;
  name: string;
  inputs?: JsonObject;
  outputs?: JsonObject;
  policy?: JsonObject;
  extensible?: boolean;
}): JsonObject {
  const key = opts.address.split(":").pop()!;
  return {
    joins: {},
    address: opts.address,
    parents: {},
    uuid: opts.uuid,
    branches: {},
    node: {
      key,
      data: { name: opts.name },
      model: {
        type: "method",
        _v: 2,
        key,
        policy: opts.policy ?? { error: { type: "finish" } },
        metadata: { id: null, name: opts.name, description: null },
        config: null,
        inputs: { extensible: opts.extensible ?? false, rules: {}, data: opts.inputs ?? {} },
        outputs: { extensible: false, rules: {}, data: opts.outputs ?? {} },
      },
    },
    pins: {},
  };
}

export function entry(id: string, key: string, type: string, data: JsonObject[string], extra: JsonObject = {}): JsonObject {
  return {
    id,
    group: (extra.group as string | null | undefined) ?? null,
    key,
    value: { type, collection: false, data },
    required: false,
    ref: false,
    metadata: (extra.metadata as JsonObject | undefined) ?? {},
    flags: (extra.flags as string | undefined) ?? "d",
  };
}

export const REQUEST_TYPE_CHOICES = ["GET", "POST", "PUT", "PATCH", "DELETE"].map((v) => ({ label: v, value: v }));

export function customApiAction(uuid: string, requestType: string, withBody: boolean, name = "Custom API Action"): JsonObject {
  const inputs: JsonObject = {
    rt: entry("rt", "requestType", "string", requestType, { group: "parameters", flags: "p", metadata: { choices: REQUEST_TYPE_CHOICES } }),
    url: entry("url", "Relative URL", "string", "/Me", { group: "Request" }),
  };
  if (withBody) inputs.body = entry("body", "Body", "object", {}, { group: "Request" });
  return card({
    uuid,
    address: "root:channels:http:testconn:1.0.2:customAPIAction",
    name,
    inputs,
    outputs: { b: entry("b", "Body", "object", {}, { group: "Response" }) },
  });
}

/** A flopack with a top-level flow whose If Error card holds inline flows (try block and error handler). */
export function flopackWithInlineFlows(): JsonObject {
  const inner = (uuid: string, cards: JsonObject[]): JsonObject => ({ id: null, uuid, methods: cards, orderings: {} });
  const tryCatch = card({
    uuid: "tc1",
    address: "root:kernel:control:0.0.1:tryCatch",
    name: "If Error",
    inputs: {
      f1: entry("f1", "flo", "flo", inner("u-try", [card({ uuid: "c2", address: "root:kernel:string:0.0.1:concat", name: "Concat" })])),
    },
    policy: {
      error: {
        type: "handler",
        merge: "join",
        flo: inner("u-err", [card({ uuid: "c3", address: "root:kernel:control:0.0.1:throw", name: "Throw" })]),
      },
    },
  });
  return {
    type: "flopack",
    data: {
      flos: {
        f: {
          id: "f",
          name: "Main",
          description: "",
          data: { methods: [card({ uuid: "c1", address: "root:kernel:control:0.0.1:callable", name: "Helper Flow" }), tryCatch] },
        },
      },
    },
  };
}
