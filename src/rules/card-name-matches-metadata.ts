import type { Rule } from "./types.js";
import { objAt, own, ptr } from "./model.js";
import { issue } from "./_helpers.js";

export const cardNameMatchesMetadata: Rule = {
  code: "FP137",
  slug: "card-name-matches-metadata",
  severity: "error",
  description: "A card's display name `node.data.name` equals `node.model.metadata.name` (renaming changes both).",
  *check({ index }) {
    for (const card of index.cards) {
      const name = own(objAt(objAt(card.raw, "node"), "data"), "name");
      const meta = own(objAt(card.model, "metadata"), "name");
      if (typeof name === "string" && typeof meta === "string" && name !== meta) {
        yield issue(ptr(card.pointer, "node", "data", "name"), `card name ${JSON.stringify(name)} differs from model.metadata.name ${JSON.stringify(meta)}`);
      }
    }
  },
};
