/**
 * Okta's date format codes (Date to Text, Text to Date, Convert): the moment.js tokens its pages document
 * (https://help.okta.com/en/prod/Content/Topics/Workflows/function-reference/datetime/datetime_format.htm):
 * D DD Do, M MM MMM MMMM, Y YY YYYY, h hh H HH, mm, ss, S SS SSS, a A, Z ZZ z, d ddd dddd, x X, and [literal
 * text]; plus the rest of moment's common set (Q, DDD, E, W, w, k, m, s). English names, whatever the machine's
 * locale. A format is compiled once and kept.
 */
import { CardFailure } from "../card-function.js";
import { utc } from "./dates.js";
import { abbreviationAt, offsetAt, zoneOf } from "./zone.js";

type Token = { readonly code: string } | { readonly literal: string };

const TOKENS =
  /\[([^\]]*)\]|Mo|MMMM|MMM|MM|M|Do|DDDD|DDD|DD|D|dddd|ddd|dd|do|d|E|e|WW|W|ww|w|Qo|Q|YYYY|YY|Y|HH|H|hh|h|kk|k|mm|m|ss|s|S{1,9}|x|X|zz|z|ZZ|Z|a|A|[\s\S]/g;
const TOKEN_LETTERS = /[MDdEeWwQYHhkmsSxXzZaA]/;
const WORD_START = /[0-9A-Za-z+-]/;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const compiled = new Map<string, readonly Token[]>();
const MAX_CACHED = 512;

export function compileFormat(format: string): readonly Token[] {
  let tokens = compiled.get(format);
  if (!tokens) {
    const list: Token[] = [];
    for (const m of format.matchAll(TOKENS)) {
      if (m[1] !== undefined) list.push({ literal: m[1] });
      else if (m[0].length === 1 && !TOKEN_LETTERS.test(m[0])) list.push({ literal: m[0] });
      else list.push({ code: m[0] });
    }
    tokens = list;
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(format, tokens);
  }
  return tokens;
}

/** The instant as text in the format, in the zone (an IANA name; empty means UTC). */
export function formatDate(ms: number, format: string, zoneName: unknown): string {
  const zone = zoneOf(zoneName);
  const offset = offsetAt(zone, ms);
  const local = new Date(ms + offset * 60_000);
  let out = "";
  for (const token of compileFormat(format)) {
    out +=
      "literal" in token
        ? token.literal
        : token.code === "z" || token.code === "zz"
          ? abbreviationAt(zone, ms)
          : formatToken(token.code, local, ms, offset);
  }
  return out;
}

function formatToken(code: string, d: Date, ms: number, offset: number): string {
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  const day = d.getUTCDate();
  const hour = d.getUTCHours();
  const weekday = d.getUTCDay();
  switch (code) {
    case "YYYY":
    case "Y":
      return year > 9999 ? `+${year}` : pad(year, 4);
    case "YY":
      return pad(year % 100, 2);
    case "Q":
      return String(Math.floor(month / 3) + 1);
    case "Qo":
      return ordinal(Math.floor(month / 3) + 1);
    case "M":
      return String(month + 1);
    case "Mo":
      return ordinal(month + 1);
    case "MM":
      return pad(month + 1, 2);
    case "MMM":
      return MONTHS[month]!.slice(0, 3);
    case "MMMM":
      return MONTHS[month]!;
    case "D":
      return String(day);
    case "Do":
      return ordinal(day);
    case "DD":
      return pad(day, 2);
    case "DDD":
      return String(dayOfYear(d));
    case "DDDD":
      return pad(dayOfYear(d), 3);
    case "d":
      return String(weekday);
    case "do":
      return ordinal(weekday);
    case "dd":
      return DAYS[weekday]!.slice(0, 2);
    case "ddd":
      return DAYS[weekday]!.slice(0, 3);
    case "dddd":
      return DAYS[weekday]!;
    case "e":
      return String(weekday);
    case "E":
      return String(weekday === 0 ? 7 : weekday);
    case "W":
      return String(isoWeek(d));
    case "WW":
      return pad(isoWeek(d), 2);
    case "w":
      return String(localeWeek(d));
    case "ww":
      return pad(localeWeek(d), 2);
    case "H":
      return String(hour);
    case "HH":
      return pad(hour, 2);
    case "h":
      return String(hour % 12 || 12);
    case "hh":
      return pad(hour % 12 || 12, 2);
    case "k":
      return String(hour || 24);
    case "kk":
      return pad(hour || 24, 2);
    case "m":
      return String(d.getUTCMinutes());
    case "mm":
      return pad(d.getUTCMinutes(), 2);
    case "s":
      return String(d.getUTCSeconds());
    case "ss":
      return pad(d.getUTCSeconds(), 2);
    case "a":
      return hour < 12 ? "am" : "pm";
    case "A":
      return hour < 12 ? "AM" : "PM";
    case "Z":
      return offsetText(offset, ":");
    case "ZZ":
      return offsetText(offset, "");
    case "x":
      return String(ms);
    case "X":
      return String(Math.floor(ms / 1000));
    default:
      // S, SS, SSS...: fractions of the second, as many digits as letters
      return pad(d.getUTCMilliseconds(), 3).padEnd(code.length, "0").slice(0, code.length);
  }
}

function pad(n: number, width: number): string {
  return n < 0 ? `-${String(-n).padStart(width, "0")}` : String(n).padStart(width, "0");
}

export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${["th", "st", "nd", "rd"][n % 10] ?? "th"}`;
}

function offsetText(offset: number, separator: string): string {
  const abs = Math.abs(offset);
  return `${offset < 0 ? "-" : "+"}${pad(Math.floor(abs / 60), 2)}${separator}${pad(abs % 60, 2)}`;
}

function dayOfYear(d: Date): number {
  return Math.round((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

/** ISO 8601 week number (weeks start on Monday; week 1 holds January 4th). */
function isoWeek(d: Date): number {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  t.setUTCDate(t.getUTCDate() + 4 - (t.getUTCDay() || 7));
  return Math.ceil(((t.getTime() - Date.UTC(t.getUTCFullYear(), 0, 1)) / 86_400_000 + 1) / 7);
}

/** moment's English week of year (weeks start on Sunday; week 1 holds January 1st). */
function localeWeek(d: Date): number {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  t.setUTCDate(t.getUTCDate() + 6 - t.getUTCDay());
  return Math.ceil(((t.getTime() - Date.UTC(t.getUTCFullYear(), 0, 1)) / 86_400_000 + 1) / 7);
}

interface Parsed {
  year?: number;
  month?: number;
  day?: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  pm?: boolean;
  offset?: number;
  instant?: number;
}

/**
 * Text read with a format, the way moment reads it leniently: separators need not match, a part that is
 * missing takes moment's default (no year, month or day: today; a day: this month and year; a month: this year),
 * "today" being the virtual clock's, in UTC. Without Z in the format the text is UTC.
 */
export function parseWithFormat(textValue: string, format: string, now: number): number {
  const p: Parsed = { hour: 0, minute: 0, second: 0, ms: 0 };
  let i = 0;
  const fail = (): never => {
    throw new CardFailure(`cannot read ${JSON.stringify(textValue)} with the format ${JSON.stringify(format)}`);
  };
  for (const token of compileFormat(format)) {
    if ("literal" in token) {
      if (textValue.startsWith(token.literal, i)) i += token.literal.length;
      continue;
    }
    while (i < textValue.length && !WORD_START.test(textValue[i]!)) i++;
    const rest = textValue.slice(i);
    const m = matchToken(token.code, rest);
    if (m === undefined) fail();
    i += m!.length;
    apply(p, token.code, m!, fail);
  }
  if (p.instant !== undefined) return p.instant;
  // moment's defaults: the parts before the first one given come from today, the parts after it are 0 (day 1)
  const today = new Date(now);
  const given = [p.year, p.month, p.day];
  const first = given.findIndex((v) => v !== undefined);
  const defaults = [today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()];
  const [year, month, day] = given.map((v, k) => v ?? (first === -1 || k < first ? defaults[k]! : k === 2 ? 1 : 0)) as [
    number,
    number,
    number,
  ];
  const hour = p.pm === undefined ? p.hour : (p.hour % 12) + (p.pm ? 12 : 0);
  const t = utc(year, month, day, hour, p.minute, p.second, p.ms);
  if (t === undefined) fail();
  return t! - (p.offset ?? 0) * 60_000;
}

const PARSE: Readonly<Record<string, RegExp>> = {
  YYYY: /^[+-]?\d{1,6}/,
  Y: /^[+-]?\d{1,6}/,
  YY: /^\d{2}/,
  M: /^\d{1,2}/,
  MM: /^\d{1,2}/,
  Mo: /^\d{1,2}(?:st|nd|rd|th)/i,
  MMM: /^[A-Za-z]+\.?/,
  MMMM: /^[A-Za-z]+/,
  D: /^\d{1,2}/,
  DD: /^\d{1,2}/,
  Do: /^\d{1,2}(?:st|nd|rd|th)/i,
  DDD: /^\d{1,3}/,
  DDDD: /^\d{3}/,
  d: /^\d/,
  E: /^\d/,
  e: /^\d/,
  dd: /^[A-Za-z]+/,
  ddd: /^[A-Za-z]+/,
  dddd: /^[A-Za-z]+/,
  H: /^\d{1,2}/,
  HH: /^\d{1,2}/,
  h: /^\d{1,2}/,
  hh: /^\d{1,2}/,
  k: /^\d{1,2}/,
  kk: /^\d{1,2}/,
  m: /^\d{1,2}/,
  mm: /^\d{1,2}/,
  s: /^\d{1,2}/,
  ss: /^\d{1,2}/,
  a: /^[ap]\.?m\.?/i,
  A: /^[ap]\.?m\.?/i,
  Z: /^(?:Z|[+-]\d{2}:?\d{2})/i,
  ZZ: /^(?:Z|[+-]\d{2}:?\d{2})/i,
  z: /^[A-Za-z]+/,
  zz: /^[A-Za-z]+/,
  x: /^-?\d+/,
  X: /^-?\d+(?:\.\d+)?/,
  Q: /^[1-4]/,
  W: /^\d{1,2}/,
  WW: /^\d{1,2}/,
  w: /^\d{1,2}/,
  ww: /^\d{1,2}/,
};
const FRACTION = /^\d+/;

function matchToken(code: string, rest: string): string | undefined {
  const pattern = PARSE[code] ?? (code.startsWith("S") ? FRACTION : undefined);
  return pattern?.exec(rest)?.[0];
}

function apply(p: Parsed, code: string, value: string, fail: () => never): void {
  const n = Number.parseInt(value, 10);
  switch (code) {
    case "YYYY":
    case "Y":
      p.year = n;
      return;
    case "YY":
      p.year = n + (n > 68 ? 1900 : 2000);
      return;
    case "M":
    case "MM":
    case "Mo":
      p.month = n - 1;
      return;
    case "MMM":
    case "MMMM": {
      const name = value.replace(".", "").toLowerCase();
      const index = MONTHS.findIndex((month) => name.length >= 3 && month.toLowerCase().startsWith(name));
      if (index === -1) fail();
      p.month = index;
      return;
    }
    case "D":
    case "DD":
    case "Do":
      p.day = n;
      return;
    case "H":
    case "HH":
    case "k":
    case "kk":
      p.hour = n === 24 ? 0 : n;
      return;
    case "h":
    case "hh":
      p.hour = n;
      p.pm ??= false;
      return;
    case "m":
    case "mm":
      p.minute = n;
      return;
    case "s":
    case "ss":
      p.second = n;
      return;
    case "a":
    case "A":
      p.pm = value.toLowerCase().startsWith("p");
      return;
    case "Z":
    case "ZZ":
      p.offset =
        value.toUpperCase() === "Z"
          ? 0
          : (value.startsWith("-") ? -1 : 1) * (Number(value.slice(1, 3)) * 60 + Number(value.replace(":", "").slice(3, 5)));
      return;
    case "x":
      p.instant = n;
      return;
    case "X":
      p.instant = Math.round(Number(value) * 1000);
      return;
    default:
      if (code.startsWith("S")) p.ms = Number(value.slice(0, 3).padEnd(3, "0"));
    // weekday names and numbers, week numbers, quarters, zone names: read and ignored, as moment does
  }
}
