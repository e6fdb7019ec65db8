import { describe, expect, it } from "vitest";
import { schedule, timeZoneProblem } from "../../src/dsl/schedule.js";
import { isIanaTimeZone, suggestTimeZone, timeZoneNames } from "../../src/shapes/time-zones.js";

describe("time zones: IANA names as the database spells them", () => {
  it("accepts every zone the real exports hold, and the database's links", () => {
    for (const zone of [
      "America/Los_Angeles",
      "Asia/Calcutta",
      "Asia/Kolkata",
      "America/New_York",
      "US/Pacific",
      "GMT",
      "UTC",
      "Europe/Berlin",
      "Etc/GMT+5",
    ])
      expect(timeZoneProblem(zone), zone).toBeUndefined();
    expect(timeZoneNames().length).toBeGreaterThan(500);
  });

  it("rejects an abbreviation, suggesting the zone it stands for", () => {
    expect(timeZoneProblem("PST")).toBe('unknown time zone "PST": Okta takes IANA time zone names; did you mean "America/Los_Angeles"?');
    expect(timeZoneProblem("IST")).toBe('unknown time zone "IST": Okta takes IANA time zone names; did you mean "Asia/Kolkata"?');
  });

  it("rejects a name spelled in other case, suggesting the database's spelling", () => {
    expect(timeZoneProblem("europe/berlin")).toBe(
      'time zone "europe/berlin" is not spelled as in the IANA database, which Okta uses; did you mean "Europe/Berlin"?',
    );
    expect(suggestTimeZone("AMERICA/NEW_YORK")).toBe("America/New_York");
  });

  it("suggests the nearest name for a misspelling, and examples when nothing is near", () => {
    expect(timeZoneProblem("America/Los_Angles")).toMatch(/did you mean "America\/Los_Angeles"\?$/);
    expect(timeZoneProblem("Mars/Olympus_Mons")).toBe(
      'unknown time zone "Mars/Olympus_Mons": Okta takes IANA time zone names such as "America/Los_Angeles", "Europe/Berlin" or "UTC"',
    );
    expect(timeZoneProblem("")).toMatch(/^a schedule needs a timeZone/);
    expect(isIanaTimeZone("+01:00")).toBe(false);
  });

  it("schedule helpers throw it outside a build", () => {
    expect(() => schedule.daily({ at: "09:00", timeZone: "PST" as never })).toThrow(/unknown time zone "PST"/);
  });
});
