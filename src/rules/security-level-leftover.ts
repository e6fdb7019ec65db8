import type { Rule } from "./types.js";
import { ptr } from "./model.js";
import { show } from "./_helpers.js";
import { flowLevels } from "./security-level.js";

export const securityLevelLeftover: Rule = {
  code: "FP215",
  slug: "security-level-leftover",
  severity: "warning",
  description:
    'A flow that is neither an API Endpoint nor a Delegated flow has `security_level: null`. Real exports also carry a level on other flows ("medium", left from a trigger the flow no longer has); Okta ignores it.',
  check({ index }, report) {
    for (const { flow, kind, level } of flowLevels(index)) {
      if (kind === "http:accept" || kind === "http:delegated" || level === null) continue;
      report(
        ptr(flow.pointer, "data", "security_level"),
        `security_level ${show(level)} on a flow that is not an API Endpoint or Delegated flow has no effect (a leftover of an earlier trigger)`,
      );
    }
  },
};
