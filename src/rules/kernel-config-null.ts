import type { Rule } from "./types.js";
import { own, ptr } from "./model.js";
import { show } from "./_helpers.js";

export const kernelConfigNull: Rule = {
  code: "FP132",
  slug: "kernel-config-null",
  severity: "error",
  description: "Built-in (kernel) cards have `config: null`: only connector cards use a connection (M8).",
  visitCard(card, report) {
    if (card.parsed?.kind !== "kernel" || !card.model || !Object.hasOwn(card.model, "config")) return;
    const config = own(card.model, "config");
    if (config !== null)
      report(ptr(card.pointer, "node", "model", "config"), `a built-in card has no connection; config must be null, not ${show(config)}`);
  },
};
