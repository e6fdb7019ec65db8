import type { Rule } from "./types.js";
import { ptr } from "./model.js";
import { issue, show } from "./_helpers.js";

export const orderingsResolve: Rule = {
  code: "FP123",
  slug: "orderings-resolve",
  severity: "error",
  description: "Both ends of every ordering edge are cards of the same flow scope (G2). Okta's importer fails on dangling edges.",
  *check({ index }) {
    for (const scope of index.scopes) {
      for (const edge of scope.edges) {
        for (const [i, end] of [edge.from, edge.to].entries()) {
          if (typeof end === "string" && scope.byUuid.has(end)) continue;
          if (end !== undefined && typeof end !== "string") continue; // the JSON Schema reports the type
          yield issue(ptr(edge.pointer, i), `ordering ${i === 0 ? "starts at" : "ends at"} ${show(end)}, which is not a card of this ${scope.inline ? "inline flow" : "flow"}`);
        }
      }
    }
  },
};
