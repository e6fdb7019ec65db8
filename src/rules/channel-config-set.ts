import type { Rule } from "./types.js";
import { own, ptr } from "./model.js";

export const channelConfigSet: Rule = {
  code: "FP208",
  slug: "channel-config-set",
  severity: "warning",
  description: "A connector card (other than Tables) has a connection (`config`). Without one, a connection must be chosen after import.",
  visitCard(card, report) {
    if (card.parsed?.kind !== "connector" || card.parsed.module === "stash" || !card.model) return;
    if (Object.hasOwn(card.model, "config") && own(card.model, "config") === null) {
      report(ptr(card.pointer, "node", "model", "config"), `no connection is chosen for this ${card.parsed.module} card`);
    }
  },
};
