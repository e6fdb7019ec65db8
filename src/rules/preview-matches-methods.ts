import type { Rule } from "./types.js";
import { previewItem } from "../shapes/address.js";
import { isObj, objAt, own, ptr, rootOf } from "./model.js";

export const previewMatchesMethods: Rule = {
  code: "FP210",
  slug: "preview-matches-methods",
  severity: "warning",
  description:
    '`display.preview[i]` describes `methods[i]` as {module, name, kernel} (object:expand cards have name ""). Event flows are skipped: their preview describes the inline body.',
  check({ index }, report) {
    for (const flow of index.flows) {
      const scope = flow.scopes[0];
      const preview = own(objAt(flow.data, "display"), "preview");
      if (!scope || !Array.isArray(preview)) continue;
      const root = rootOf(scope);
      if (root && own(root.model, "webhookList") === true) continue;
      const at = () => ptr(flow.pointer, "data", "display", "preview");
      if (preview.length !== scope.cards.length) {
        report(at(), `preview has ${preview.length} items for ${scope.cards.length} cards`);
        continue;
      }
      for (let i = 0; i < preview.length; i++) {
        const p: unknown = preview[i];
        const card = scope.cards[i]!;
        if (!card.parsed || !isObj(p)) continue;
        const expected = previewItem(card.parsed);
        if (p.module !== expected.module || p.name !== expected.name || p.kernel !== expected.kernel) {
          report(ptr(at(), i), `preview item does not describe card ${i} (${card.parsed.module}:${card.parsed.key})`);
        }
      }
    }
  },
};
