import type { Report, Rule } from "./types.js";
import { ptr, type EdgeView } from "./model.js";
import { show } from "./_helpers.js";

export const orderingsResolve: Rule = {
  code: "FP123",
  slug: "orderings-resolve",
  severity: "error",
  description: "Both ends of every ordering edge are cards of the same flow scope (G2). Okta's importer fails on dangling edges.",
  check({ index }, report) {
    for (const scope of index.scopes) {
      for (const edge of scope.edges) {
        checkEnd(edge, 0, edge.from, report);
        checkEnd(edge, 1, edge.to, report);
      }
    }
  },
};

function checkEnd(edge: EdgeView, i: 0 | 1, end: unknown, report: Report): void {
  if (typeof end === "string" && edge.scope.byUuid.has(end)) return;
  if (end !== undefined && typeof end !== "string") return; // the JSON Schema reports the type
  report(
    ptr(edge.pointer, i),
    `ordering ${i === 0 ? "starts at" : "ends at"} ${show(end)}, which is not a card of this ${edge.scope.inline ? "inline flow" : "flow"}`,
  );
}
