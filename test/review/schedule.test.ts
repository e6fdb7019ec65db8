import { describe, expect, it } from "vitest";
import { describeSchedule } from "../../src/review/schedule.js";

const cron = (
  minutes: string,
  hours: string,
  dayOfTheMonth: string,
  month: string,
  dayOfTheWeek: string,
  timeZone = "America/Los_Angeles",
) => ({
  seconds: "00",
  minutes,
  hours,
  dayOfTheMonth,
  month,
  dayOfTheWeek,
  startDate: "",
  endDate: "",
  recurrence: 0,
  timeZone,
});

// The schedules seen in real exports (FLOPACK §3.6, OKTA-WORKFLOWS §1.1), with the readme wording where there is one.
describe("schedules in words", () => {
  it.each([
    [cron("0", "9", "*/1", "*", "*"), "every day at 09:00", "0 9 */1 * *"],
    [cron("0", "6", "*", "*", "1"), "every week on Monday at 06:00", "0 6 * * 1"],
    [cron("0", "2", "*", "*", "0,4"), "every week on Sunday and Thursday at 02:00", "0 2 * * 0,4"],
    [cron("0", "*/1", "*", "*", "*", "GMT"), "every hour on the hour", "0 */1 * * *"],
    [cron("*/15", "*", "*", "*", "*"), "every 15 minutes", "*/15 * * * *"],
    [cron("*/15", "23", "*", "*", "*"), "every 15 minutes during the 23:00 hour", "*/15 23 * * *"],
    [cron("0", "9", "1", "*/1", "*"), "every month on day 1 at 09:00", "0 9 1 */1 *"],
    [cron("0", "9", "18", "3-12/3", "*", "America/New_York"), "every 3 months from March on day 18 at 09:00", "0 9 18 3-12/3 *"],
    [cron("0", "21", "1", "1-11/6", "*"), "every 6 months from January on day 1 at 21:00", "0 21 1 1-11/6 *"],
    [cron("5", "1", "*", "*", "1-5"), "every week on Monday to Friday at 01:05", "5 1 * * 1-5"],
  ])("%j → %s", (c, words, expr) => {
    const s = describeSchedule(c);
    expect(s.words).toBe(words);
    expect(s.cron).toBe(expr);
    expect(s.timeZone).toBe(c.timeZone);
  });

  it("falls back to the cron expression when it has no plain wording", () => {
    expect(describeSchedule(cron("0", "9", "L", "*", "*")).words).toBe("cron 0 9 L * *");
    expect(describeSchedule({}).words).toBe("every minute");
    expect(describeSchedule({ minutes: 7, hours: null }).cron).toBe("7 * * * *");
  });
});
