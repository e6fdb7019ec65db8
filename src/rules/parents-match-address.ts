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
    const versionAddress = card.address.slice(0, card.address.length - a.key.length - 1);
    const channelAddress = versionAddress.slice(0, versionAddress.length - a.version.length - 1);
    expect(card, "version", versionAddress, a.version, report);
    expect(card, "channel", channelAddress, a.module, report);
  },
};

function expect(card: CardView, which: "version" | "channel", address: string, key: string, report: Report): void {
  const parent = objAt(objAt(card.raw, "parents"), which);
  if (!parent) return;
  const at = (...rest: string[]) => ptr(card.pointer, "parents", which, ...rest);
  if (own(parent, "address") !== address) report(at("address"), `is ${show(own(parent, "address"))}; the card address implies ${JSON.stringify(address)}`);
  if (own(parent, "key") !== key) report(at("key"), `is ${show(own(parent, "key"))}; the card address implies ${JSON.stringify(key)}`);
  const name = own(objAt(parent, "data"), "name");
  if (name !== key) report(at("data", "name"), `is ${show(name)}; the card address implies ${JSON.stringify(key)}`);
}
