import type { Rule } from "./types.js";
import { cardKind } from "./model.js";
import { PairSet } from "./_helpers.js";

export const duplicateEdges: Rule = {
  code: "FP203",
  slug: "duplicate-edges",
  severity: "warning",
  description: "No self-loop or duplicate ordering edge, except on hidden object:expand cards, where the exporter writes them.",
  check({ index }, report) {
    for (const scope of index.scopes) {
      const seen = new PairSet();
      for (const edge of scope.edges) {
        if (typeof edge.from !== "string" || typeof edge.to !== "string") continue;
        const from = scope.byUuid.get(edge.from);
        if (from && cardKind(from) === "object:expand") continue;
        if (edge.from === edge.to) report(edge.pointer, `ordering loops from card ${JSON.stringify(edge.from)} to itself`);
        else if (seen.has(edge.from, edge.to))
          report(edge.pointer, `duplicate ordering from ${JSON.stringify(edge.from)} to ${JSON.stringify(edge.to)}`);
        seen.add(edge.from, edge.to);
      }
    }
  },
};
