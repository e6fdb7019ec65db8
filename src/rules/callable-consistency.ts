import type { Rule } from "./types.js";
import { cardKind, objAt, own, ptr, rootOf } from "./model.js";

export const callableConsistency: Rule = {
  code: "FP117",
  slug: "callable-consistency",
  severity: "error",
  description: "`display.isCallable` is true exactly when the start card is root:kernel:control:0.0.1:callable (F10).",
  check({ index }, report) {
    for (const flow of index.flows) {
      const scope = flow.scopes[0];
      const isCallable = own(objAt(flow.data, "display"), "isCallable");
      if (!scope || typeof isCallable !== "boolean") continue;
      const root = rootOf(scope);
      if (!root) continue;
      const callableRoot = cardKind(root) === "control:callable";
      if (callableRoot !== isCallable) {
        report(
          ptr(flow.pointer, "data", "display", "isCallable"),
          isCallable
            ? `isCallable is true but the start card is ${JSON.stringify(root.address)}`
            : "the start card is a callable but isCallable is false",
        );
      }
    }
  },
};
