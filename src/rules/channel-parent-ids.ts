import type { Rule } from "./types.js";
import { objAt, own, ptr } from "./model.js";

const PARENTS = ["version", "channel"] as const;

export const channelParentIds: Rule = {
  code: "FP209",
  slug: "channel-parent-ids",
  severity: "warning",
  description:
    "A connector card carries `parents.version.data.id` and `parents.channel.data.id` (environment-specific numbers copied from an export). `flocode build` does not report it for the files it writes: Okta assigns these numbers on import.",
  visitCard(card, report) {
    if (card.parsed?.kind !== "connector") return;
    const parents = objAt(card.raw, "parents");
    for (const which of PARENTS) {
      const data = objAt(objAt(parents, which), "data");
      if (data && own(data, "id") === undefined)
        report(ptr(card.pointer, "parents", which, "data"), `connector card has no parents.${which}.data.id`);
    }
  },
};
