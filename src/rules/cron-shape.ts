import { CRON_KEYS } from "../format/keys.js";
import type { Rule } from "./types.js";
import { hasNoKeys, isObj, own, ptr } from "./model.js";
import { show } from "./_helpers.js";

const KNOWN = new Set<string>(CRON_KEYS);

export const cronShape: Rule = {
  code: "FP119",
  slug: "cron-shape",
  severity: "error",
  description:
    'A non-empty `cron` has exactly the 10 schedule keys; all but `recurrence` are strings, `recurrence` is 0 and `seconds` is "00" (C1, C2).',
  check({ index }, report) {
    for (const flow of index.flows) {
      const cron = own(flow.data, "cron");
      if (!isObj(cron) || hasNoKeys(cron)) continue;
      const at = ptr(flow.pointer, "data", "cron");
      for (const k of Object.keys(cron)) if (!KNOWN.has(k)) report(ptr(at, k), `unexpected schedule key ${JSON.stringify(k)}`);
      for (const k of CRON_KEYS) {
        if (!Object.hasOwn(cron, k)) {
          report(at, `schedule is missing ${JSON.stringify(k)}`);
          continue;
        }
        const v = cron[k];
        if (k === "recurrence") {
          if (v !== 0) report(ptr(at, k), `recurrence must be 0, not ${show(v)}`);
        } else if (typeof v !== "string") report(ptr(at, k), `${k} must be a string, not ${show(v)}`);
        else if (k === "seconds" && v !== "00") report(ptr(at, k), `seconds must be "00", not ${show(v)}`);
      }
    }
  },
};
