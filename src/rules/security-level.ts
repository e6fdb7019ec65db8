import type { Rule } from "./types.js";
import { cardKind, own, ptr, rootOf, type FlopackIndex } from "./model.js";
import { show } from "./_helpers.js";

export const securityLevel: Rule = {
  code: "FP118",
  slug: "security-level",
  severity: "error",
  description:
    "`security_level` is open or medium for an API Endpoint (http:accept) flow and high for a Delegated (http:delegated) flow (F11, F12). Other flows have null, or a level left over from an earlier trigger (FP215).",
  check({ index }, report) {
    for (const { flow, kind, level } of flowLevels(index)) {
      const at = () => ptr(flow.pointer, "data", "security_level");
      if (kind === "http:accept") {
        if (level !== "open" && level !== "medium")
          report(at(), `an API Endpoint flow needs security_level "open" or "medium", not ${show(level)}`);
      } else if (kind === "http:delegated") {
        if (level !== "high") report(at(), `a Delegated flow needs security_level "high", not ${show(level)}`);
      }
    }
  },
};

/** Each top-level flow with a security_level key and a root card: the root's kind and the level. */
export function* flowLevels(index: FlopackIndex) {
  for (const flow of index.flows) {
    const scope = flow.scopes[0];
    if (!flow.data || !scope || !Object.hasOwn(flow.data, "security_level")) continue;
    const root = rootOf(scope);
    if (!root) continue;
    yield { flow, kind: cardKind(root), level: own(flow.data, "security_level") };
  }
}
