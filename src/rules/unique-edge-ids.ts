import type { Rule } from "./types.js";

export const uniqueEdgeIds: Rule = {
  code: "FP122",
  slug: "unique-edge-ids",
  severity: "error",
  description: "Ordering edge ids are unique within the pack.",
  check({ index }, report) {
    const seen = new Set<string>();
    for (const scope of index.scopes) {
      for (const edge of scope.edges) {
        if (seen.has(edge.id)) report(edge.pointer, `ordering id ${JSON.stringify(edge.id)} is used twice in this pack`);
        seen.add(edge.id);
      }
    }
  },
};
