/**
 * Time zones by IANA name ("US/Pacific", "Europe/Paris") through Intl, never the machine's zone: the offset of a
 * zone at an instant and its abbreviation ("PDT"). One formatter per zone, made on first use and kept.
 */
import { CardFailure } from "../card-function.js";

interface Zone {
  readonly name: string;
  readonly parts: Intl.DateTimeFormat | undefined;
  abbreviations?: Intl.DateTimeFormat[];
  /** Offsets and abbreviations already computed, by quarter hour (zones change offset on quarter hours at most). */
  readonly offsets: Map<number, number>;
  readonly names: Map<number, string>;
}

const QUARTER_HOUR = 900_000;
const MAX_CACHED = 4096;

const zones = new Map<string, Zone>();
const UTC_ZONE: Zone = { name: "UTC", parts: undefined, offsets: new Map(), names: new Map() };

/** A zone by name; empty means UTC. An unknown name fails the card. */
export function zoneOf(name: unknown): Zone {
  const key = typeof name === "string" ? name.trim() : "";
  if (key === "" || key.toUpperCase() === "UTC" || key === "Etc/UTC" || key.toUpperCase() === "GMT") return UTC_ZONE;
  let zone = zones.get(key);
  if (!zone) {
    let parts: Intl.DateTimeFormat;
    try {
      parts = new Intl.DateTimeFormat("en-US", {
        timeZone: key,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      throw new CardFailure(`unknown time zone ${JSON.stringify(name)} (an IANA name such as "America/Los_Angeles" or "Europe/Paris")`);
    }
    zone = { name: parts.resolvedOptions().timeZone, parts, offsets: new Map(), names: new Map() };
    zones.set(key, zone);
  }
  return zone;
}

/** Minutes east of UTC of the zone at the instant. */
export function offsetAt(zone: Zone, ms: number): number {
  if (!zone.parts) return 0;
  const bucket = Math.floor(ms / QUARTER_HOUR);
  let offset = zone.offsets.get(bucket);
  if (offset === undefined) {
    offset = computeOffset(zone.parts, bucket * QUARTER_HOUR);
    if (zone.offsets.size >= MAX_CACHED) zone.offsets.clear();
    zone.offsets.set(bucket, offset);
  }
  return offset;
}

function computeOffset(parts: Intl.DateTimeFormat, ms: number): number {
  const floored = Math.floor(ms / 1000) * 1000;
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of parts.formatToParts(floored)) {
    const v = Number(part.value);
    if (part.type === "year") year = v;
    else if (part.type === "month") month = v;
    else if (part.type === "day") day = v;
    else if (part.type === "hour") hour = v;
    else if (part.type === "minute") minute = v;
    else if (part.type === "second") second = v;
  }
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const d = new Date(wall);
  if (year < 100) d.setUTCFullYear(year);
  return Math.round((d.getTime() - floored) / 60_000);
}

/**
 * The zone's abbreviation at the instant, as moment-timezone prints `z`: "PDT", "CEST", "UTC"; where Intl knows
 * none, the tz database's usual one for common zones, else the offset ("+0530" style as "+05:30").
 */
export function abbreviationAt(zone: Zone, ms: number): string {
  if (!zone.parts) return "UTC";
  const bucket = Math.floor(ms / QUARTER_HOUR);
  let name = zone.names.get(bucket);
  if (name === undefined) {
    name = computeAbbreviation(zone, bucket * QUARTER_HOUR);
    if (zone.names.size >= MAX_CACHED) zone.names.clear();
    zone.names.set(bucket, name);
  }
  return name;
}

function computeAbbreviation(zone: Zone, ms: number): string {
  zone.abbreviations ??= ["en-US", "en-GB"].map(
    (locale) => new Intl.DateTimeFormat(locale, { timeZone: zone.name, timeZoneName: "short" }),
  );
  for (const format of zone.abbreviations) {
    const name = format.formatToParts(ms).find((p) => p.type === "timeZoneName")?.value;
    if (name && !OFFSET_NAME.test(name)) return name === "GMT" && offsetAt(zone, ms) !== 0 ? fallbackAbbreviation(zone, ms) : name;
  }
  return fallbackAbbreviation(zone, ms);
}

const OFFSET_NAME = /^(GMT|UTC)[+-]/;

/** Abbreviations of the tz database for common zones Intl writes as "GMT+9". */
const KNOWN: Readonly<Record<string, readonly [string, string?]>> = {
  "Asia/Tokyo": ["JST"],
  "Asia/Seoul": ["KST"],
  "Asia/Kolkata": ["IST"],
  "Asia/Calcutta": ["IST"],
  "Asia/Shanghai": ["CST"],
  "Asia/Hong_Kong": ["HKT"],
  "Asia/Jerusalem": ["IST", "IDT"],
  "Asia/Manila": ["PST"],
  "Asia/Karachi": ["PKT"],
  "Africa/Johannesburg": ["SAST"],
  "Australia/Sydney": ["AEST", "AEDT"],
  "Australia/Melbourne": ["AEST", "AEDT"],
  "Australia/Brisbane": ["AEST"],
  "Australia/Adelaide": ["ACST", "ACDT"],
  "Australia/Perth": ["AWST"],
  "Pacific/Auckland": ["NZST", "NZDT"],
};

function fallbackAbbreviation(zone: Zone, ms: number): string {
  const known = KNOWN[zone.name];
  const offset = offsetAt(zone, ms);
  if (known) {
    const january = offsetAt(zone, Date.UTC(new Date(ms).getUTCFullYear(), 0, 1));
    const july = offsetAt(zone, Date.UTC(new Date(ms).getUTCFullYear(), 6, 1));
    const daylight = january !== july && offset === Math.max(january, july);
    return (daylight ? known[1] : undefined) ?? known[0];
  }
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  const hours = String(Math.floor(abs / 60)).padStart(2, "0");
  return abs % 60 === 0 ? `${sign}${hours}` : `${sign}${hours}${String(abs % 60).padStart(2, "0")}`;
}
