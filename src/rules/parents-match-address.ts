import type { Rule, RuleIssue } from "./types.js";
import { objAt, own, ptr, type Obj } from "./model.js";
import { issue, show } from "./_helpers.js";

export const parentsMatchAddress: Rule = {
  code: "FP130",
  slug: "parents-match-address",
  severity: "error",
  description: "`parents.version` and `parents.channel` repeat the card address: address prefix, key and data.name (M3).",
  *check({ index }) {
    for (const card of index.cards) {
      const a = card.parsed;
      const parents = objAt(card.raw, "parents");
      if (!a || !parents || card.address === undefined) continue;
      const versionAddress = card.address.slice(0, card.address.length - a.key.length - 1);
      const channelAddress = versionAddress.slice(0, versionAddress.length - a.version.length - 1);
      yield* expect(objAt(parents, "version"), ptr(card.pointer, "parents", "version"), versionAddress, a.version);
      yield* expect(objAt(parents, "channel"), ptr(card.pointer, "parents", "channel"), channelAddress, a.module);
    }
  },
};

function* expect(parent: Obj | undefined, at: string, address: string, key: string): Iterable<RuleIssue> {
  if (!parent) return;
  if (own(parent, "address") !== address) yield issue(ptr(at, "address"), `is ${show(own(parent, "address"))}; the card address implies ${JSON.stringify(address)}`);
  if (own(parent, "key") !== key) yield issue(ptr(at, "key"), `is ${show(own(parent, "key"))}; the card address implies ${JSON.stringify(key)}`);
  const name = own(objAt(parent, "data"), "name");
  if (name !== key) yield issue(ptr(at, "data", "name"), `is ${show(name)}; the card address implies ${JSON.stringify(key)}`);
}
