import type { Rule } from "./types.js";
import type { EdgeView } from "./model.js";

export const uniqueEdgeIds: Rule = {
  code: "FP122",
  slug: "unique-edge-ids",
  severity: "error",
  description:
    "Ordering edge ids are unique within the pack, except in a copy of a flow: another flow may repeat an edge id for the same edge (the same two card uuids), as a flow exported twice does.",
  check({ index }, report) {
    const seen = new Map<string, EdgeView>();
    for (const scope of index.scopes) {
      for (const edge of scope.edges) {
        const first = seen.get(edge.id);
        if (first === undefined) seen.set(edge.id, edge);
        else if (!sameEdgeInAnotherFlow(first, edge))
          report(edge.pointer, `ordering id ${JSON.stringify(edge.id)} is used twice in this pack`);
      }
    }
  },
};

function sameEdgeInAnotherFlow(a: EdgeView, b: EdgeView): boolean {
  return a.scope.top !== b.scope.top && a.from === b.from && a.to === b.to;
}
