import type { Rule } from "./types.js";
import { cardKind } from "./model.js";
import { issue } from "./_helpers.js";

export const duplicateEdges: Rule = {
  code: "FP203",
  slug: "duplicate-edges",
  severity: "warning",
  description: "No self-loop or duplicate ordering edge, except on hidden object:expand cards, where the exporter writes them.",
  *check({ index }) {
    for (const scope of index.scopes) {
      const seen = new Set<string>();
      for (const edge of scope.edges) {
        if (typeof edge.from !== "string" || typeof edge.to !== "string") continue;
        const from = scope.byUuid.get(edge.from);
        if (from && cardKind(from) === "object:expand") continue;
        const key = edge.from + "\u0000" + edge.to;
        if (edge.from === edge.to) yield issue(edge.pointer, `ordering loops from card ${JSON.stringify(edge.from)} to itself`);
        else if (seen.has(key)) yield issue(edge.pointer, `duplicate ordering from ${JSON.stringify(edge.from)} to ${JSON.stringify(edge.to)}`);
        seen.add(key);
      }
    }
  },
};
