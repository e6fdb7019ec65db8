import type { Report, Rule } from "./types.js";
import { objAt, own, ptr, type CardView } from "./model.js";
import { show } from "./_helpers.js";

export const parentsMatchAddress: Rule = {
  code: "FP130",
  slug: "parents-match-address",
  severity: "error",
  description: "`parents.version` and `parents.channel` repeat the card address: address prefix, key and data.name (M3).",
  visitCard(card, report) {
    const a = card.parsed;
    const parents = objAt(card.raw, "parents");
    if (!a || !parents || card.address === undefined) return;
    // root:kernel:control:0.0.1:if → version root:kernel:control:0.0.1, channel root:kernel:control
    const versionLength = card.address.length - a.key.length - 1;
    expect(card, parents, "version", versionLength, a.version, report);
    expect(card, parents, "channel", versionLength - a.version.length - 1, a.module, report);
  },
};

/** Checks `parents[which]`: its address is the first `addressLength` characters of the card's, key and name are `key`. */
function expect(card: CardView, parents: Record<string, unknown>, which: "version" | "channel", addressLength: number, key: string, report: Report): void {
  const parent = objAt(parents, which);
  if (!parent) return;
  const address = own(parent, "address");
  if (!isPrefixOf(address, card.address!, addressLength)) {
    const implied = card.address!.slice(0, addressLength);
    report(ptr(card.pointer, "parents", which, "address"), `is ${show(address)}; the card address implies ${JSON.stringify(implied)}`);
  }
  if (own(parent, "key") !== key) report(ptr(card.pointer, "parents", which, "key"), `is ${show(own(parent, "key"))}; the card address implies ${JSON.stringify(key)}`);
  const name = own(objAt(parent, "data"), "name");
  if (name !== key) report(ptr(card.pointer, "parents", which, "data", "name"), `is ${show(name)}; the card address implies ${JSON.stringify(key)}`);
}

/** `x === full.slice(0, length)`, without slicing. */
function isPrefixOf(x: unknown, full: string, length: number): boolean {
  return typeof x === "string" && x.length === length && full.startsWith(x);
}
