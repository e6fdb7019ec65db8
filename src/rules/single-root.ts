import type { Rule } from "./types.js";
import { ptr, rootsOf } from "./model.js";

export const singleRoot: Rule = {
  code: "FP115",
  slug: "single-root",
  severity: "error",
  description:
    "Every flow and inline flow has exactly one start card: one non-comment card without an incoming ordering that is not an If/Else branch head (F7).",
  check({ index }, report) {
    for (const scope of index.scopes) {
      const roots = rootsOf(scope);
      if (roots.length === 1) continue;
      const what = scope.inline ? "inline flow" : "flow";
      if (roots.length === 0) report(ptr(scope.pointer, "methods"), `${what} has no start card (every card has an incoming ordering)`);
      else
        report(
          ptr(scope.pointer, "methods"),
          `${what} has ${roots.length} start cards (${roots.map((r) => JSON.stringify(r.uuid)).join(", ")}); cards other than the first need an incoming ordering`,
        );
    }
  },
};
