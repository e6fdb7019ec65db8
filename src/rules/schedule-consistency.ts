import type { Rule } from "./types.js";
import { cardKind, cardName, hasNoKeys, isObj, own, ptr, rootOf } from "./model.js";
import { SCHEDULED_FLOW_NAME } from "../shapes/known-cards.js";

export const scheduleConsistency: Rule = {
  code: "FP116",
  slug: "schedule-consistency",
  severity: "error",
  description:
    '`scheduled` is true exactly when `cron` is not {} and exactly when the start card is the callable named "Scheduled Flow" (F8, F9).',
  check({ index }, report) {
    for (const flow of index.flows) {
      const data = flow.data;
      const scope = flow.scopes[0];
      if (!data || !scope) continue;
      const scheduled = own(data, "scheduled");
      if (typeof scheduled !== "boolean") continue;
      const cron = own(data, "cron");
      if (isObj(cron) && !hasNoKeys(cron) !== scheduled) {
        report(
          ptr(flow.pointer, "data", "scheduled"),
          scheduled ? "the flow is scheduled but its cron is {}" : "the flow has a cron schedule but scheduled is false",
        );
      }
      const root = rootOf(scope);
      if (!root) continue;
      const scheduleCard = cardKind(root) === "control:callable" && cardName(root) === SCHEDULED_FLOW_NAME;
      if (scheduleCard !== scheduled) {
        report(
          ptr(flow.pointer, "data", "scheduled"),
          scheduled
            ? 'the flow is scheduled but its start card is not the "Scheduled Flow" callable'
            : 'the start card is a "Scheduled Flow" but scheduled is false',
        );
      }
    }
  },
};
