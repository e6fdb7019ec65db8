/**
 * Key lists measured on real exports, shared by the zod model and the rules. Kept free of zod so that the rules
 * (and a cold `flocode validate` of valid files) never load it.
 */

/** Top-level keys, in the order every export writes them (T5). */
export const ENVELOPE_KEYS = ["type", "version", "created", "flags", "data", "checksum"] as const;

/** The 13 keys every top-level `flo.data` has, in this order (F4, §3.1). */
export const FLOW_CORE_KEYS = [
  "id",
  "uuid",
  "display",
  "tree",
  "methods",
  "model",
  "orderings",
  "cron",
  "security_level",
  "log",
  "inheritLog",
  "scheduled",
  "group",
] as const;

/** The 10 keys of a schedule (C1, §3.6), in the order the exporter usually writes them. */
export const CRON_KEYS = [
  "seconds",
  "minutes",
  "hours",
  "dayOfTheMonth",
  "month",
  "dayOfTheWeek",
  "startDate",
  "endDate",
  "recurrence",
  "timeZone",
] as const;
