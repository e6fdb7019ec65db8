/**
 * Date & Time values as the simulator passes them: ISO 8601 text in UTC with milliseconds
 * ("2016-09-07T00:01:25.670Z"), the form Okta's Execution History shows. Inputs are read leniently, as Okta's
 * Date inputs convert "many common date & time text formats"
 * (https://help.okta.com/en/prod/Content/Topics/Workflows/function-reference/Date&Time/datetime_fromiso.htm);
 * every form without a zone is read as UTC, never in the machine's time zone.
 */
import { CardFailure } from "../card-function.js";
import { isBlank } from "./values.js";

const ISO = /^([+-]\d{6}|\d{4})-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const DIGITS = /^-?\d+$/;
const CANONICAL = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const MONTH_NAMES = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
/** "Wed, 07 Sep 2016 00:01:25 GMT", "7 September 2016", "Sep 7, 2016 4:55 PM", "September 7th 2016 at 12:01 AM". */
const NAMED =
  /^(?:[a-z]+,?\s+)?(?:(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})|([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?\s*([ap]\.?m\.?)?)?\s*(gmt|utc|z|[+-]\d{2}:?\d{2})?$/i;
/** US numeric dates, read as month/day/year: "9/7/2016", "09/07/2016 16:55". */
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]m)?)?$/i;

/** Milliseconds since the epoch of a Date input; fails the card when the value is not a date. */
export function parseDate(value: unknown, key: string): number {
  const ms = readDate(value);
  if (ms === undefined)
    throw new CardFailure(`${key}: ${isBlank(value) ? "no date given" : `cannot read ${JSON.stringify(value)} as a date`}`);
  return ms;
}

/** Like parseDate, undefined instead of failing. */
export function readDate(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value !== "string") return undefined;
  // the simulator's own form ("2016-09-07T00:01:25.670Z"): Date.parse reads it exactly (an explicit UTC zone)
  if (value.length === 24 && value.charCodeAt(23) === 90 && value.charCodeAt(10) === 84 && CANONICAL.test(value)) return Date.parse(value);
  const s = value.trim();
  if (s === "") return undefined;
  return fromIso(s) ?? fromDigits(s) ?? fromNamed(s) ?? fromSlashed(s);
}

/** The ISO text the simulator uses for a Date value (Date#toISOString's text, written without a Date object). */
export function isoDate(ms: number): string {
  if (!(ms >= 0 && ms < 253_402_300_800_000)) return new Date(ms).toISOString(); // before 1970 or after 9999: rare
  const days = Math.floor(ms / 86_400_000);
  let rest = ms - days * 86_400_000;
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const milli = rest - second * 1000;
  // days since 1970-01-01 to a civil date (H. Hinnant's algorithm)
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}.${milli < 10 ? "00" : milli < 100 ? "0" : ""}${milli}Z`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** A Date input as ISO text (what Date outputs hold). */
export function dateValue(value: unknown, key: string): string {
  return isoDate(parseDate(value, key));
}

function fromIso(s: string): number | undefined {
  const m = ISO.exec(s);
  if (!m) return undefined;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, "0")) : 0;
  const t = utc(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), ms);
  return t === undefined ? undefined : t - offsetMinutes(m[8]) * 60_000;
}

function fromDigits(s: string): number | undefined {
  // Only long runs of digits are instants (milliseconds, as Okta's "unix"); short ones are not dates.
  return DIGITS.test(s) && s.replace("-", "").length >= 11 ? Number(s) : undefined;
}

function fromNamed(s: string): number | undefined {
  const m = NAMED.exec(s);
  if (!m) return undefined;
  const monthName = (m[2] ?? m[4])!.toLowerCase();
  const month = MONTH_NAMES.findIndex((name) => monthName.length >= 3 && name.startsWith(monthName));
  if (month === -1) return undefined;
  const day = Number(m[1] ?? m[5]);
  const year = Number(m[3] ?? m[6]);
  const hour = hour12(Number(m[7] ?? 0), m[11]);
  const t = utc(year, month, day, hour, Number(m[8] ?? 0), Number(m[9] ?? 0), Number((m[10] ?? "0").padEnd(3, "0")));
  const zone = m[12]?.toLowerCase();
  return t === undefined ? undefined : t - (zone === "gmt" || zone === "utc" ? 0 : offsetMinutes(m[12])) * 60_000;
}

function fromSlashed(s: string): number | undefined {
  const m = SLASHED.exec(s);
  if (!m) return undefined;
  return utc(Number(m[3]), Number(m[1]) - 1, Number(m[2]), hour12(Number(m[4] ?? 0), m[7]), Number(m[5] ?? 0), Number(m[6] ?? 0), 0);
}

function hour12(hour: number, meridiem: string | undefined): number {
  if (!meridiem) return hour;
  const pm = meridiem.toLowerCase().startsWith("p");
  return (hour % 12) + (pm ? 12 : 0);
}

/** Minutes east of UTC of "Z", "+07:00", "-0700", "+07"; 0 when there is none. */
export function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === "Z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
}

/** Epoch milliseconds of a UTC calendar time; undefined when a part is out of range (Feb 30, hour 25). */
export function utc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
): number | undefined {
  if (month < 0 || month > 11 || day < 1 || day > daysInMonth(year, month) || hour > 24 || minute > 59 || second > 59) return undefined;
  const d = new Date(0);
  d.setUTCFullYear(year, month, day);
  d.setUTCHours(hour, minute, second, ms);
  return d.getTime();
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(2000, month + 1, 0)).getUTCDate() - (month === 1 && !isLeap(year) ? 1 : 0);
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
