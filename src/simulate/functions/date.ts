/**
 * Date & Time cards (module `date`): Now, Add, Subtract, Difference, Date to Text, Text to Date, Convert, UNIX,
 * ISO. Calendar arithmetic is done in UTC the way moment.js does it (months clamp to the month's last day);
 * the clock is the run's virtual clock.
 */
import { CardFailure, type CardCall, type CardFunction } from "../card-function.js";
import { arg, byKey, one } from "./args.js";
import { formatDate, parseWithFormat } from "./date-format.js";
import { daysInMonth, isoDate, parseDate } from "./dates.js";
import { isBlank, num, text } from "./values.js";
import { zoneOf } from "./zone.js";

const DAY = 86_400_000;
const UNIT_MS: Readonly<Record<string, number>> = { millisecond: 1, second: 1000, minute: 60_000, hour: 3_600_000 };
/** moment's default text of a date: ISO without fractions, with the zone's offset ("Z" in UTC). */
const DEFAULT_FORMAT = "YYYY-MM-DDTHH:mm:ssZ";
const ISO_SECONDS = "YYYY-MM-DD[T]HH:mm:ss[Z]";
/** "Wed, September 7th at 12:01 AM" (Convert's `human`, in UTC). */
const HUMAN = "ddd, MMMM Do [at] h:mm A";
/** Now's `iso`: offset notation ("2016-09-07T16:55:25+00:00"), its `full` and `time` with milliseconds (Now's page). */
const NOW_ISO = "YYYY-MM-DD[T]HH:mm:ssZ";
const NOW_FULL = "MMMM D, YYYY HH:mm:ss.SSS";
const NOW_TIME = "HH:mm:ss.SSS";

const SHORT_UNITS: Readonly<Record<string, string>> = {
  ms: "millisecond",
  sec: "second",
  min: "minute",
  h: "hour",
  d: "day",
  w: "week",
  y: "year",
};
const UNITS = new Set(["millisecond", "second", "minute", "hour", "day", "week", "month", "year"]);

/** "days", "Day", "d"... → moment's unit name; unknown units fail the card. Wait For's unit reads the same way. */
export function unitOf(value: unknown): string {
  const raw = text(value).trim().toLowerCase();
  const unit = SHORT_UNITS[raw] ?? (raw.endsWith("s") ? raw.slice(0, -1) : raw);
  const name = SHORT_UNITS[unit] ?? unit;
  if (!UNITS.has(name))
    throw new CardFailure(`unit: ${JSON.stringify(value)} is not one of milliseconds, seconds, minutes, hours, days, weeks, months, years`);
  return name;
}

/** moment's add: days and months are whole (rounded half away from zero), smaller units exact. */
export function addToDate(ms: number, amount: number, unit: string): number {
  if (unit in UNIT_MS) return ms + amount * UNIT_MS[unit]!;
  if (unit === "day" || unit === "week") return ms + roundAway(unit === "week" ? amount * 7 : amount) * DAY;
  return addMonths(ms, roundAway(unit === "year" ? amount * 12 : amount));
}

function roundAway(n: number): number {
  return n < 0 ? -Math.round(-n) : Math.round(n);
}

function addMonths(ms: number, months: number): number {
  if (months === 0) return ms;
  const d = new Date(ms);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const day = Math.min(d.getUTCDate(), daysInMonth(year, month));
  const out = new Date(ms);
  out.setUTCFullYear(year, month, day);
  return out.getTime();
}

/** moment's `end.diff(start, unit)`: months by calendar (fractions from the anchoring months), truncated toward zero. */
export function diffDates(end: number, start: number, unit: string): number {
  let value: number;
  if (unit === "month" || unit === "year") value = monthDiff(end, start) / (unit === "year" ? 12 : 1);
  else value = (end - start) / (unit === "day" ? DAY : unit === "week" ? 7 * DAY : UNIT_MS[unit]!);
  return Math.trunc(value) || 0;
}

function monthDiff(a: number, b: number): number {
  const da = new Date(a);
  const db = new Date(b);
  // end-of-month differences hold when the first month has the more days (moment swaps the same way)
  if (da.getUTCDate() < db.getUTCDate()) return -monthDiff(b, a);
  const whole = (db.getUTCFullYear() - da.getUTCFullYear()) * 12 + (db.getUTCMonth() - da.getUTCMonth());
  const anchor = addMonths(a, whole);
  let adjust: number;
  if (b - anchor < 0) {
    const anchor2 = addMonths(a, whole - 1);
    adjust = (b - anchor) / (anchor - anchor2);
  } else {
    const anchor2 = addMonths(a, whole + 1);
    adjust = (b - anchor) / (anchor2 - anchor);
  }
  return -(whole + adjust) || 0;
}

/** Now's outputs for the last instant asked (the virtual clock rarely moves between cards). */
let lastNow: { readonly ms: number; readonly values: Readonly<Record<string, unknown>> } | undefined;

const now: CardFunction = (call) => {
  const ms = call.env.now();
  if (lastNow?.ms !== ms) {
    const d = new Date(ms);
    lastNow = {
      ms,
      values: {
        date: isoDate(ms),
        iso: formatDate(ms, NOW_ISO, ""),
        full: formatDate(ms, NOW_FULL, ""),
        minute: d.getUTCMinutes(),
        hour: d.getUTCHours(),
        time: formatDate(ms, NOW_TIME, ""),
        day: d.getUTCDate(),
        month: String(d.getUTCMonth() + 1),
        year: d.getUTCFullYear(),
        second: d.getUTCSeconds(),
        millisecond: d.getUTCMilliseconds(),
      },
    };
  }
  return byKey(call, lastNow.values);
};

function shift(sign: 1 | -1): CardFunction {
  return (call) => {
    const start = parseDate(arg(call, "start"), "start");
    const amount = num(arg(call, "scale"), "scale");
    return one(call, isoDate(addToDate(start, sign * amount, unitOf(arg(call, "unit") ?? "days"))));
  };
}

/**
 * Difference: the end date minus the start date. The card's keys are the other way round: `start` is the field
 * it labels "end date" and `end` the one it labels "start date" (real exports feed Now into `start`).
 */
const diff: CardFunction = (call) => {
  const endDate = parseDate(arg(call, "start"), "end date");
  const startDate = parseDate(arg(call, "end"), "start date");
  const values: Record<string, number> = {};
  for (const output of call.outputs) values[output.key] = diffDates(endDate, startDate, unitOf(output.key));
  return byKey(call, values);
};

/** The format asked for; none: moment's default text, which ends in "Z" in UTC and in the offset elsewhere. */
function formatOf(call: CardCall): string {
  const format = arg(call, "format");
  if (!isBlank(format)) return text(format);
  return zoneOf(arg(call, "zone")).name === "UTC" ? ISO_SECONDS : DEFAULT_FORMAT;
}

const format: CardFunction = (call) => one(call, formatDate(parseDate(arg(call, "start"), "start"), formatOf(call), arg(call, "zone")));

const convert: CardFunction = (call) => {
  const ms = parseDate(arg(call, "start"), "start");
  return byKey(call, {
    date: isoDate(ms),
    iso: formatDate(ms, ISO_SECONDS, ""),
    epoch: String(Math.floor(ms / 1000)),
    unix: String(ms),
    human: formatDate(ms, HUMAN, ""),
    custom: formatDate(ms, formatOf(call), arg(call, "zone")),
  });
};

const parse: CardFunction = (call) => {
  const start = text(arg(call, "start"));
  const formatValue = arg(call, "format");
  const ms = isBlank(formatValue) ? parseDate(start, "start") : parseWithFormat(start, text(formatValue), call.env.now());
  return one(call, isoDate(ms));
};

const unix: CardFunction = (call) => one(call, parseDate(arg(call, "start"), "start"));
const iso: CardFunction = (call) => one(call, formatDate(parseDate(arg(call, "start"), "start"), ISO_SECONDS, ""));

export const dateCards: ReadonlyArray<readonly [string, CardFunction]> = [
  ["date:now", now],
  ["date:add", shift(1)],
  ["date:subtract", shift(-1)],
  ["date:diff", diff],
  ["date:format", format],
  ["date:fromISO", convert],
  ["date:parse", parse],
  ["date:unix", unix],
  ["date:iso", iso],
];
