import { z } from "zod";
import { formatRegistry } from "./registry.js";

export { CRON_KEYS } from "./keys.js";

export const ScheduleSchema = z
  .strictObject({
    seconds: z.string(),
    minutes: z.string(),
    hours: z.string(),
    dayOfTheMonth: z.string(),
    month: z.string(),
    dayOfTheWeek: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    recurrence: z.number(),
    timeZone: z.string(),
  })
  .register(formatRegistry, { id: "Schedule", description: "A schedule in cron fields (0 = Sunday), IANA time zone." });

/**
 * `flo.data.cron`: `{}` or a schedule. The JSON Schema only requires an object of strings and numbers; the exact
 * key set and the constant fields are checked by the `cron-shape` rule, which can say precisely what is wrong.
 */
export const CronSchema = z
  .record(z.string(), z.union([z.string(), z.number()]))
  .register(formatRegistry, { id: "Cron", description: "`{}` or the 10-key schedule (see rule cron-shape)." });

export type Schedule = z.infer<typeof ScheduleSchema>;
export type Cron = z.infer<typeof CronSchema>;
