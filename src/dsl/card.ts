import { DslError } from "./errors.js";
import { userCallSite } from "./site.js";
import type { CardSpec } from "./types.js";
import { followsGrammar, parseAddress } from "../shapes/address.js";

/**
 * Any card by its address, with raw inputs (escape hatch for cards without a typed factory, e.g. an older
 * connector version): `card("root:channels:http:okta:1.0.152:readUser", { inputs: { "User ID": id } })`.
 */
export function card<O = Record<string, unknown>>(address: string, spec: Omit<CardSpec<O>, "kind" | "address" | "site"> = {}): CardSpec<O> {
  const site = userCallSite();
  const parsed = typeof address === "string" ? parseAddress(address) : undefined;
  if (!parsed || !followsGrammar(parsed)) throw new DslError(`invalid card address ${JSON.stringify(address)}`, site);
  return Object.freeze({ ...spec, kind: "card" as const, address, site });
}
