import type { Rule } from "./types.js";
import { cardKind, isObj, objAt, own, ptr, rootOf } from "./model.js";
import { issue } from "./_helpers.js";

export const previewMatchesMethods: Rule = {
  code: "FP210",
  slug: "preview-matches-methods",
  severity: "warning",
  description: "`display.preview[i]` describes `methods[i]` as {module, name, kernel} (object:expand cards have name \"\"). Event flows are skipped: their preview describes the inline body.",
  *check({ index }) {
    for (const flow of index.flows) {
      const scope = flow.scopes[0];
      const preview = own(objAt(flow.data, "display"), "preview");
      if (!scope || !Array.isArray(preview)) continue;
      const root = rootOf(scope);
      if (root && own(root.model, "webhookList") === true) continue;
      const at = ptr(flow.pointer, "data", "display", "preview");
      if (preview.length !== scope.cards.length) {
        yield issue(at, `preview has ${preview.length} items for ${scope.cards.length} cards`);
        continue;
      }
      for (const [i, p] of preview.entries()) {
        const card = scope.cards[i]!;
        if (!card.parsed || !isObj(p)) continue;
        const name = cardKind(card) === "object:expand" ? "" : card.parsed.key;
        if (p.module !== card.parsed.module || p.name !== name || p.kernel !== (card.parsed.kind === "kernel")) {
          yield issue(ptr(at, i), `preview item does not describe card ${i} (${card.parsed.module}:${card.parsed.key})`);
        }
      }
    }
  },
};
