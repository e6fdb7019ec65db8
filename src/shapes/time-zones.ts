/**
 * The time zone of a Scheduled Flow (`cron.timeZone`): a name of the IANA time zone database, spelled as the
 * database spells it. Real exports hold such names (America/Los_Angeles 36, Asia/Calcutta 4, America/New_York 2,
 * US/Pacific, GMT, UTC: FLOPACK.md §3.6); "PST", "IST" or "europe/berlin" would be written into the cron verbatim.
 */
import { nearest } from "../util/suggest.js";
import { IANA_LINKS, IANA_ZONES } from "./time-zone-names.js";

let names: { zones: ReadonlySet<string>; links: ReadonlyMap<string, string> } | undefined;

function database(): { zones: ReadonlySet<string>; links: ReadonlyMap<string, string> } {
  if (!names) {
    const zones = new Set(IANA_ZONES.split(/\s+/).filter((s) => s !== ""));
    const links = new Map<string, string>();
    for (const pair of IANA_LINKS.split(/\s+/)) {
      const [alias, zone] = pair.split(">");
      if (alias && zone) links.set(alias, zone);
    }
    names = { zones, links };
  }
  return names;
}

/** Every name of the database, zones and links, sorted. */
export function timeZoneNames(): string[] {
  const { zones, links } = database();
  return [...zones, ...links.keys()].sort();
}

/** Whether `name` is a zone or link of the IANA database, exactly as spelled there. */
export function isIanaTimeZone(name: string): boolean {
  const { zones, links } = database();
  return zones.has(name) || links.has(name);
}

/**
 * The IANA name a mistaken one most likely means: the same name in the database's spelling ("europe/berlin"),
 * the zone an abbreviation stands for ("PST", "IST", as ICU reads them), else the nearest name.
 */
export function suggestTimeZone(name: string): string | undefined {
  const { zones, links } = database();
  const all = [...zones, ...links.keys()];
  const lower = name.toLowerCase();
  const sameLetters = all.find((z) => z.toLowerCase() === lower);
  if (sameLetters) return sameLetters;
  if (/^[A-Za-z]{2,5}$/.test(name)) {
    const zone = icuZone(name);
    if (zone) return links.get(zone) ?? zone;
  }
  return nearest(name, all);
}

function icuZone(name: string): string | undefined {
  try {
    const resolved = new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
    return isIanaTimeZone(resolved) && resolved.includes("/") ? resolved : undefined;
  } catch {
    return undefined;
  }
}
