import type { Rule } from "./types.js";
import { objAt, own, ptr } from "./model.js";

export const cardNameMatchesMetadata: Rule = {
  code: "FP137",
  slug: "card-name-matches-metadata",
  severity: "error",
  description: "A card's display name `node.data.name` equals `node.model.metadata.name` (renaming changes both).",
  visitCard(card, report) {
    const name = own(objAt(objAt(card.raw, "node"), "data"), "name");
    const meta = own(objAt(card.model, "metadata"), "name");
    if (typeof name === "string" && typeof meta === "string" && name !== meta) {
      report(
        ptr(card.pointer, "node", "data", "name"),
        `card name ${JSON.stringify(name)} differs from model.metadata.name ${JSON.stringify(meta)}`,
      );
    }
  },
};
