import type { Rule } from "./types.js";
import { ptr } from "./model.js";

export const configRefs: Rule = {
  code: "FP108",
  slug: "config-refs",
  severity: "error",
  description: "A connector card's non-null `config` is a key of data.configs whose `module` is the card's connector (X1).",
  visitCard(card, report, { index }) {
    if (card.parsed?.kind !== "connector" || !card.model) return;
    const config = card.model.config;
    if (typeof config !== "string") return;
    const target = index.configs.get(config);
    const at = ptr(card.pointer, "node", "model", "config");
    if (!target) report(at, `connection ${JSON.stringify(config)} is not in data.configs`);
    else if (target.module !== card.parsed.module) {
      report(
        at,
        `connection ${JSON.stringify(config)} is for module ${JSON.stringify(target.module)}, but the card is a ${JSON.stringify(card.parsed.module)} card`,
      );
    }
  },
};
