import type { Rule } from "./types.js";
import { cardKind, own, ptr, rootOf } from "./model.js";
import { show } from "./_helpers.js";

export const securityLevel: Rule = {
  code: "FP118",
  slug: "security-level",
  severity: "error",
  description:
    "`security_level` is open or medium for an API Endpoint (http:accept) flow, high for a Delegated (http:delegated) flow, and null otherwise (F11, F12).",
  check({ index }, report) {
    for (const flow of index.flows) {
      const scope = flow.scopes[0];
      if (!flow.data || !scope || !Object.hasOwn(flow.data, "security_level")) continue;
      const root = rootOf(scope);
      if (!root) continue;
      const level = own(flow.data, "security_level");
      const kind = cardKind(root);
      const at = () => ptr(flow.pointer, "data", "security_level");
      if (kind === "http:accept") {
        if (level !== "open" && level !== "medium")
          report(at(), `an API Endpoint flow needs security_level "open" or "medium", not ${show(level)}`);
      } else if (kind === "http:delegated") {
        if (level !== "high") report(at(), `a Delegated flow needs security_level "high", not ${show(level)}`);
      } else if (level !== null) {
        report(at(), `only API Endpoint and Delegated flows have a security_level; this one must be null, not ${show(level)}`);
      }
    }
  },
};
