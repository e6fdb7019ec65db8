/**
 * Schedule triggers (FLOPACK.md §3.6): each helper returns the cron fields Okta stores for that choice in the
 * Schedule dialog. Days of the week: 0 = Sunday. A time zone is required and must be an IANA name.
 */
import { DslError } from "./errors.js";
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

function trigger(
  fields: Omit<ScheduleCron, "timeZone" | "startDate" | "endDate">,
  common: Common,
  site: CallSite | undefined,
): ScheduleTrigger {
  checkTimeZone(common.timeZone, site);
  return {
    kind: "schedule",
    cron: { ...fields, timeZone: common.timeZone, startDate: common.startDate ?? "", endDate: common.endDate ?? "" },
    site,
  };
}

export function checkTimeZone(zone: unknown, site?: CallSite): void {
  if (typeof zone !== "string" || zone === "")
    throw new DslError('a schedule needs a timeZone (an IANA name such as "America/Los_Angeles")', site);
  if (!isKnownTimeZone(zone)) {
    throw new DslError(
      `unknown time zone ${JSON.stringify(zone)}: use an IANA name such as "America/Los_Angeles", "Europe/Berlin" or "UTC"`,
      site,
    );
  }
}

function isKnownTimeZone(zone: string): boolean {
  if (zone === "UTC" || zone === "GMT") return true;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
  } catch {
    return false;
  }
  // Intl also accepts offsets like "+01:00", which Okta's zone picker does not offer.
  return /^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(zone);
}

function parseTime(at: unknown, site: CallSite | undefined): { hours: string; minutes: string } {
  const m = typeof at === "string" ? /^(\d{1,2}):(\d{2})$/.exec(at) : null;
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) {
    throw new DslError(`invalid time ${JSON.stringify(at)}: write "HH:MM" on a 24-hour clock, from "00:00" to "23:59"`, site);
  }
  return { hours: String(Number(m[1])), minutes: String(Number(m[2])) };
}

function checkInt(name: string, value: unknown, min: number, max: number, site: CallSite | undefined): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new DslError(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`, site);
  }
  return value;
}

function weekdays(on: unknown, site: CallSite | undefined): string {
  if (!Array.isArray(on) || on.length === 0) throw new DslError('a weekly schedule needs at least one day: on: ["monday", ...]', site);
  const nums = new Set<number>();
  for (const d of on) {
    const i = WEEKDAYS.indexOf(String(d).toLowerCase() as Weekday);
    if (i < 0) throw new DslError(`unknown day ${JSON.stringify(d)}: use one of ${WEEKDAYS.join(", ")}`, site);
    nums.add(i);
  }
  return [...nums].sort((a, b) => a - b).join(",");
}

export const schedule = {
  /** Every N minutes (Frequency: Minute). */
  everyMinutes(o: Common & { every: number }): ScheduleTrigger {
    const site = userCallSite();
    const n = checkInt("every", o.every, 1, 59, site);
    return trigger({ minutes: `*/${n}`, hours: "*", dayOfTheMonth: "*", month: "*", dayOfTheWeek: "*" }, o, site);
  },
  /** Every N hours, at a minute past the hour (Frequency: Hour). */
  hourly(o: Common & { every?: number; atMinute?: number }): ScheduleTrigger {
    const site = userCallSite();
    const n = checkInt("every", o.every ?? 1, 1, 23, site);
    const minute = checkInt("atMinute", o.atMinute ?? 0, 0, 59, site);
    return trigger({ minutes: String(minute), hours: `*/${n}`, dayOfTheMonth: "*", month: "*", dayOfTheWeek: "*" }, o, site);
  },
  /** Every day at a time (Frequency: Day). */
  daily(o: Common & { at: string }): ScheduleTrigger {
    const site = userCallSite();
    const t = parseTime(o.at, site);
    return trigger({ ...t, dayOfTheMonth: "*/1", month: "*", dayOfTheWeek: "*" }, o, site);
  },
  /** On some days of the week at a time (Frequency: Week). */
  weekly(o: Common & { on: Weekday[]; at: string }): ScheduleTrigger {
    const site = userCallSite();
    const t = parseTime(o.at, site);
    return trigger({ ...t, dayOfTheMonth: "*", month: "*", dayOfTheWeek: weekdays(o.on, site) }, o, site);
  },
  /** On a day of the month at a time, every N months starting in a month (Frequency: Month). */
  monthly(o: Common & { day: number; at: string; everyMonths?: number; startMonth?: number }): ScheduleTrigger {
    const site = userCallSite();
    const t = parseTime(o.at, site);
    const day = checkInt("day", o.day, 1, 31, site);
    const every = checkInt("everyMonths", o.everyMonths ?? 1, 1, 12, site);
    const start = checkInt("startMonth", o.startMonth ?? 1, 1, 12, site);
    const month = every === 1 ? "*/1" : `${start}-12/${every}`;
    return trigger({ ...t, dayOfTheMonth: String(day), month, dayOfTheWeek: "*" }, o, site);
  },
  /** The cron fields verbatim (escape hatch, and what import writes for schedules the helpers do not make). */
  cron(o: Common & { minutes: string; hours: string; dayOfTheMonth: string; month: string; dayOfTheWeek: string }): ScheduleTrigger {
    const site = userCallSite();
    for (const k of ["minutes", "hours", "dayOfTheMonth", "month", "dayOfTheWeek"] as const) {
      if (typeof o[k] !== "string" || !/^[0-9*,/-]+$/.test(o[k]))
        throw new DslError(`cron field ${k} must be cron syntax (digits, * , / -), got ${JSON.stringify(o[k])}`, site);
    }
    return trigger(
      { minutes: o.minutes, hours: o.hours, dayOfTheMonth: o.dayOfTheMonth, month: o.month, dayOfTheWeek: o.dayOfTheWeek },
      o,
      site,
    );
  },
};
