import type { Report, Rule } from "./types.js";
import { objAt, own, ptr, type CardView, type Obj } from "./model.js";
import { show } from "./_helpers.js";

export const parentsMatchAddress: Rule = {
  code: "FP130",
  slug: "parents-match-address",
  severity: "error",
  description: "`parents.version` and `parents.channel` repeat the card address: address prefix, key and data.name (M3).",
  visitCard(card, report) {
    const a = card.parsed;
    const parents = objAt(card.raw, "parents");
    if (!a || !parents) return;
    expect(card, parents, "version", a.versionAddress, a.version, report);
    expect(card, parents, "channel", a.channelAddress, a.module, report);
  },
};

function expect(card: CardView, parents: Obj, which: "version" | "channel", address: string, key: string, report: Report): void {
  const parent = objAt(parents, which);
  if (!parent) return;
  if (own(parent, "address") !== address)
    report(
      ptr(card.pointer, "parents", which, "address"),
      `is ${show(own(parent, "address"))}; the card address implies ${JSON.stringify(address)}`,
    );
  if (own(parent, "key") !== key)
    report(ptr(card.pointer, "parents", which, "key"), `is ${show(own(parent, "key"))}; the card address implies ${JSON.stringify(key)}`);
  const name = own(objAt(parent, "data"), "name");
  if (name !== key)
    report(ptr(card.pointer, "parents", which, "data", "name"), `is ${show(name)}; the card address implies ${JSON.stringify(key)}`);
}
