/**
 * Schedule triggers (FLOPACK.md §3.6): each helper returns the cron fields Okta stores for that choice in the
 * Schedule dialog. Days of the week: 0 = Sunday. A time zone is required and must be an IANA name.
 */
import { isIanaTimeZone, suggestTimeZone } from "../shapes/time-zones.js";
import { didYouMean } from "../util/suggest.js";
import { DslError } from "./errors.js";
import { settleProblems, type Problem } from "./problems.js";
import { userCallSite } from "./site.js";
import type { CallSite, ScheduleCron, Trigger } from "./types.js";
import type { TimeZone } from "../shapes/choices.js";

export type Weekday = "sunday" | "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday";
const WEEKDAYS: readonly Weekday[] = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

interface Common {
  /** IANA time zone, e.g. "America/Los_Angeles", "Europe/Paris", "UTC" (the names complete in an editor). */
  timeZone: TimeZone;
  /** "No earlier than": written verbatim to `cron.startDate` (Okta's format is not documented). */
  startDate?: string;
  /** "No later than": written verbatim to `cron.endDate`. */
  endDate?: string;
}

/** Outputs of the Scheduled Flow card. */
export interface ScheduleOutputs {
  /** "Current Time" (the run's start time, ISO string). */
  executionTime: string;
  executionId: string;
}

type ScheduleTrigger = Trigger<ScheduleOutputs>;

/** Where a schedule helper was called, and the mistakes found in its options so far (see problems.ts). */
interface Checks {
  site: CallSite | undefined;
  problems: Problem[];
}

function checks(): Checks {
  return { site: userCallSite(), problems: [] };
}

function report(c: Checks, message: string): void {
  c.problems.push({ error: new DslError(message, c.site) });
}

function trigger(fields: Omit<ScheduleCron, "timeZone" | "startDate" | "endDate">, common: Common, c: Checks): ScheduleTrigger {
  const problem = timeZoneProblem(common?.timeZone);
  if (problem) report(c, problem);
  const value: ScheduleTrigger = {
    kind: "schedule",
    cron: { ...fields, timeZone: String(common?.timeZone), startDate: common?.startDate ?? "", endDate: common?.endDate ?? "" },
    site: c.site,
  };
  return settleProblems(value, c.problems);
}

/** Throws when `zone` is not a time zone a Scheduled Flow can have (see timeZoneProblem). */
export function checkTimeZone(zone: unknown, site?: CallSite): void {
  const problem = timeZoneProblem(zone);
  if (problem) throw new DslError(problem, site);
}

/** Why `zone` cannot be a Scheduled Flow's time zone (an IANA name as the database spells it), or undefined. */
export function timeZoneProblem(zone: unknown): string | undefined {
  if (typeof zone !== "string" || zone === "") return 'a schedule needs a timeZone (an IANA name such as "America/Los_Angeles")';
  if (isIanaTimeZone(zone)) return undefined;
  const suggestion = suggestTimeZone(zone);
  const hint = suggestion ? `; did you mean ${JSON.stringify(suggestion)}?` : ' such as "America/Los_Angeles", "Europe/Berlin" or "UTC"';
  if (suggestion && suggestion.toLowerCase() === zone.toLowerCase())
    return `time zone ${JSON.stringify(zone)} is not spelled as in the IANA database, which Okta uses${hint}`;
  return `unknown time zone ${JSON.stringify(zone)}: Okta takes IANA time zone names${hint}`;
}

function parseTime(at: unknown, c: Checks): { hours: string; minutes: string } {
  const m = typeof at === "string" ? /^(\d{1,2}):(\d{2})$/.exec(at) : null;
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) {
    report(c, `invalid time ${JSON.stringify(at)}: write "HH:MM" on a 24-hour clock, from "00:00" to "23:59"`);
    return { hours: "0", minutes: "0" };
  }
  return { hours: String(Number(m[1])), minutes: String(Number(m[2])) };
}

function checkInt(name: string, value: unknown, min: number, max: number, c: Checks): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    report(c, `${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
    return min;
  }
  return value;
}

function weekdays(on: unknown, c: Checks): string {
  if (!Array.isArray(on) || on.length === 0) {
    report(c, 'a weekly schedule needs at least one day: on: ["monday", ...]');
    return "0";
  }
  const nums = new Set<number>();
  for (const d of on) {
    const i = WEEKDAYS.indexOf(String(d).toLowerCase() as Weekday);
    if (i < 0) report(c, `unknown day ${JSON.stringify(d)}${didYouMean(String(d), WEEKDAYS)} (the days: ${WEEKDAYS.join(", ")})`);
    else nums.add(i);
  }
  return [...nums].sort((a, b) => a - b).join(",");
}

export const schedule = {
  /** Every N minutes (Frequency: Minute). */
  everyMinutes(o: Common & { every: number }): ScheduleTrigger {
    const c = checks();
    const n = checkInt("every", o.every, 1, 59, c);
    return trigger({ minutes: `*/${n}`, hours: "*", dayOfTheMonth: "*", month: "*", dayOfTheWeek: "*" }, o, c);
  },
  /** Every N hours, at a minute past the hour (Frequency: Hour). */
  hourly(o: Common & { every?: number; atMinute?: number }): ScheduleTrigger {
    const c = checks();
    const n = checkInt("every", o.every ?? 1, 1, 23, c);
    const minute = checkInt("atMinute", o.atMinute ?? 0, 0, 59, c);
    return trigger({ minutes: String(minute), hours: `*/${n}`, dayOfTheMonth: "*", month: "*", dayOfTheWeek: "*" }, o, c);
  },
  /** Every day at a time (Frequency: Day). */
  daily(o: Common & { at: string }): ScheduleTrigger {
    const c = checks();
    const t = parseTime(o.at, c);
    return trigger({ ...t, dayOfTheMonth: "*/1", month: "*", dayOfTheWeek: "*" }, o, c);
  },
  /** On some days of the week at a time (Frequency: Week). */
  weekly(o: Common & { on: Weekday[]; at: string }): ScheduleTrigger {
    const c = checks();
    const t = parseTime(o.at, c);
    return trigger({ ...t, dayOfTheMonth: "*", month: "*", dayOfTheWeek: weekdays(o.on, c) }, o, c);
  },
  /** On a day of the month at a time, every N months starting in a month (Frequency: Month). */
  monthly(o: Common & { day: number; at: string; everyMonths?: number; startMonth?: number }): ScheduleTrigger {
    const c = checks();
    const t = parseTime(o.at, c);
    const day = checkInt("day", o.day, 1, 31, c);
    const every = checkInt("everyMonths", o.everyMonths ?? 1, 1, 12, c);
    const start = checkInt("startMonth", o.startMonth ?? 1, 1, 12, c);
    const month = every === 1 ? "*/1" : `${start}-12/${every}`;
    return trigger({ ...t, dayOfTheMonth: String(day), month, dayOfTheWeek: "*" }, o, c);
  },
  /** The cron fields verbatim (escape hatch, and what import writes for schedules the helpers do not make). */
  cron(o: Common & { minutes: string; hours: string; dayOfTheMonth: string; month: string; dayOfTheWeek: string }): ScheduleTrigger {
    const c = checks();
    for (const k of ["minutes", "hours", "dayOfTheMonth", "month", "dayOfTheWeek"] as const) {
      if (typeof o[k] !== "string" || !/^[0-9*,/-]+$/.test(o[k]))
        report(c, `cron field ${k} must be cron syntax (digits, * , / -), got ${JSON.stringify(o[k])}`);
    }
    return trigger(
      { minutes: o.minutes, hours: o.hours, dayOfTheMonth: o.dayOfTheMonth, month: o.month, dayOfTheWeek: o.dayOfTheWeek },
      o,
      c,
    );
  },
};
