import { DslError } from "./errors.js";
import { userCallSite } from "./site.js";
import type { CardSpec } from "./types.js";

const ADDRESS = /^root:(kernel:[A-Za-z0-9_]+:0\.0\.1|channels:http:[A-Za-z0-9_]+:[^:]+):[^:]+$/;

/**
 * Any card by its address, with raw inputs (escape hatch for cards without a typed factory, e.g. an older
 * connector version): `card("root:channels:http:okta:1.0.152:readUser", { inputs: { "User ID": id } })`.
 */
export function card<O = Record<string, unknown>>(address: string, spec: Omit<CardSpec<O>, "kind" | "address" | "site"> = {}): CardSpec<O> {
  const site = userCallSite();
  if (typeof address !== "string" || !ADDRESS.test(address)) throw new DslError(`invalid card address ${JSON.stringify(address)}`, site);
  return Object.freeze({ ...spec, kind: "card" as const, address, site });
}
