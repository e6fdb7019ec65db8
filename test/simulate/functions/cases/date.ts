import type { ConformanceCase } from "../conformance.js";
import { NO_PAGE, PAGES } from "../pages.js";

const FORMAT = PAGES.dateToText.url;
/** Date to Text's examples table, read on the Japanese translation of the page. */
const FORMAT_EXAMPLES = PAGES.dateToTextJa.url;
const CONVERT = PAGES.convert.url;
const PARSE = PAGES.textToDate.url;
const ADD = PAGES.addDate.url;
const SUBTRACT = PAGES.subtractDate.url;
const START = "2016-09-07T00:01:25.670Z";
/**
 * The page's examples (start 2016-09-07T00:01:25.670Z, zone "America/Pacific", which is no IANA zone) disagree
 * with each other: "M/D/Y" gives 9/6/2016 (Pacific: the evening of the 6th) while "h:mm a z" gives "9:01 am" and
 * "dddd, MMMM D, Y" the 7th. The cases keep the page's formats, use US/Pacific, and compute Pacific time
 * consistently (5:01 pm on the 6th).
 */
const PACIFIC = "the page's zone America/Pacific is no IANA zone: US/Pacific stands in";
const PAGE_INCONSISTENT = `${PACIFIC}; the page's value contradicts its own M/D/Y row, this is Pacific time computed consistently`;
/** The Difference card's fields as the real exports label them. */
const DIFF_LABELS =
  'the card labels key start "end date" and key end "start date"; an export feeds Now into the end date and a last login into the start date, so each output is end date minus start date';

function format(title: string, fmt: string, zone: string, output: string, assumed?: string, start = START, doc = FORMAT): ConformanceCase {
  return {
    card: "date:format",
    title,
    doc,
    ...(assumed ? { assumed } : {}),
    inputs: { start, format: fmt, zone },
    expect: { output },
  };
}

export const dateCases: readonly ConformanceCase[] = [
  format("M/D/Y in Pacific time", "M/D/Y", "US/Pacific", "9/6/2016", PACIFIC, START, FORMAT_EXAMPLES),
  format("h:mm a z in Pacific time", "h:mm a z", "US/Pacific", "5:01 pm PDT", PAGE_INCONSISTENT, START, FORMAT_EXAMPLES),
  format(
    "dddd, MMMM D, Y in Pacific time",
    "dddd, MMMM D, Y",
    "US/Pacific",
    "Tuesday, September 6, 2016",
    PAGE_INCONSISTENT,
    START,
    FORMAT_EXAMPLES,
  ),
  format(
    "D-MMM-YY HH:mm:ss.S z in Pacific time",
    "D-MMM-YY HH:mm:ss.S z",
    "US/Pacific",
    "6-Sep-16 17:01:25.6 PDT",
    PAGE_INCONSISTENT,
    START,
    FORMAT_EXAMPLES,
  ),
  format("the same instant in Europe/Paris, with its offset", "YYYY-MM-DD HH:mm Z", "Europe/Paris", "2016-09-07 02:01 +02:00"),
  format("z in Europe/Paris", "z", "Europe/Paris", "CEST", "z prints the zone's abbreviation as moment-timezone does"),
  format("winter time in America/New_York", "MMM D, h A z", "America/New_York", "Jan 15, 7 AM EST", undefined, "2024-01-15T12:00:00.000Z"),
  format("ss.SSS: milliseconds", "HH:mm:ss.SSS", "UTC", "00:01:25.670"),
  format("d is the day of the week (Wednesday is 3), ddd its abbreviation", "d ddd", "UTC", "3 Wed"),
  format("[bracketed] text is printed as is", "[Week] W [of] YYYY", "UTC", "Week 36 of 2016", "moment's [literal] text and ISO week (W)"),
  format(
    "x and X: the instant in milliseconds and seconds",
    "x X",
    "UTC",
    "1473206485670 1473206485",
    "x and X format as the Text to Date page reads them",
  ),
  format("Do: the day with its ordinal", "MMMM Do", "UTC", "September 7th", "Do is moment's ordinal day (Convert's human output uses it)"),
  format("an empty zone is UTC", "HH:mm", "", "00:01", "no zone means UTC"),
  format(
    "an empty format is the ISO date and time in the zone",
    "",
    "Asia/Kolkata",
    "2016-09-07T05:31:25+05:30",
    "no format gives moment's default text (ISO without fractions, with the zone's offset)",
  ),
  {
    card: "date:format",
    title: "an unknown time zone fails the card",
    doc: FORMAT,
    assumed: "a zone that is not an IANA name is an input error (400); the page's own America/Pacific is one",
    inputs: { start: START, format: "HH:mm", zone: "America/Pacific" },
    error: "unknown time zone",
  },
  {
    card: "date:fromISO",
    title: "date, iso, epoch, unix and human of 2016-09-07T00:01:25.670Z",
    doc: CONVERT,
    inputs: { start: START },
    expect: {
      date: "2016-09-07T00:01:25.670Z",
      iso: "2016-09-07T00:01:25Z",
      epoch: "1473206485",
      unix: "1473206485670",
      human: "Wed, September 7th at 12:01 AM",
    },
  },
  {
    card: "date:fromISO",
    title: "custom is Date to Text with the format and zone",
    doc: CONVERT,
    inputs: { start: START, format: "M/D/Y", zone: "US/Pacific" },
    expect: { custom: "9/6/2016" },
  },
  {
    card: "date:fromISO",
    title: "common date text converts: RFC 1123 with GMT",
    doc: CONVERT,
    assumed: "text with a zone is read in that zone; text without one as UTC (never the machine's zone)",
    inputs: { start: "Wed, 07 Sep 2016 00:01:25 GMT" },
    expect: { iso: "2016-09-07T00:01:25Z" },
  },
  {
    card: "date:fromISO",
    title: "text that is no date fails the card",
    doc: CONVERT,
    assumed: "an unreadable date is an input error (400)",
    inputs: { start: "next tuesday" },
    error: "cannot read",
  },
  {
    card: "date:parse",
    title: "1/2/2016 with D/M/Y is the 1st of February",
    doc: PARSE,
    inputs: { start: "1/2/2016", format: "D/M/Y" },
    expect: { output: "2016-02-01T00:00:00.000Z" },
  },
  {
    card: "date:parse",
    title: "1/2/16 with M/D/YY is the 2nd of January 2016",
    doc: PARSE,
    inputs: { start: "1/2/16", format: "M/D/YY" },
    expect: { output: "2016-01-02T00:00:00.000Z" },
  },
  {
    card: "date:parse",
    title: "X reads seconds since the epoch",
    doc: PARSE,
    inputs: { start: "1473206485", format: "X" },
    expect: { output: "2016-09-07T00:01:25.000Z" },
  },
  {
    card: "date:parse",
    title: "x reads milliseconds since the epoch",
    doc: PARSE,
    inputs: { start: "1473206485670", format: "x" },
    expect: { output: "2016-09-07T00:01:25.670Z" },
  },
  {
    card: "date:parse",
    title: "month names, 12-hour time and an offset",
    doc: PARSE,
    inputs: { start: "September 7, 2016 5:01 PM -07:00", format: "MMMM D, Y h:mm A Z" },
    expect: { output: "2016-09-08T00:01:00.000Z" },
  },
  {
    card: "date:parse",
    title: "a time alone is today's date at that time (the virtual clock's today)",
    doc: PARSE,
    assumed: "moment's defaults for missing parts: no year, month or day is today (UTC)",
    inputs: { start: "09:30", format: "HH:mm" },
    now: "2024-02-29T23:00:00.000Z",
    expect: { output: "2024-02-29T09:30:00.000Z" },
  },
  {
    card: "date:parse",
    title: "text that does not fit the format fails the card",
    doc: PARSE,
    assumed: "unreadable text is an input error (400)",
    inputs: { start: "tomorrow", format: "YYYY-MM-DD" },
    error: "cannot read",
  },
  {
    card: "date:now",
    title: "every output of the page's example instant, in UTC",
    doc: PAGES.now.url,
    now: "2016-09-07T16:55:25.670Z",
    expect: {
      date: "2016-09-07T16:55:25.670Z",
      iso: "2016-09-07T16:55:25+00:00",
      full: "September 7, 2016 16:55:25.670",
      minute: 55,
      hour: 16,
      time: "16:55:25.670",
      year: 2016,
      second: 25,
      millisecond: 670,
    },
  },
  {
    card: "date:now",
    title: "day is the day of the month, month its number as text",
    doc: PAGES.now.url,
    assumed: "the page's example gives day 9 and month 7 for September 7th: they follow the fields' definitions instead",
    now: "2016-09-07T16:55:25.670Z",
    expect: { day: 7, month: "9" },
  },
  {
    card: "date:add",
    title: "5 Sept 2016 plus 2 weeks: 19 Sept 2016",
    doc: ADD,
    inputs: { start: "2016-09-05T00:00:00.000Z", scale: 2, unit: "weeks" },
    expect: { output: "2016-09-19T00:00:00.000Z" },
  },
  {
    card: "date:add",
    title: "19 Sept 2016 9:00am plus 8 hours: 5:00pm",
    doc: ADD,
    inputs: { start: "2016-09-19T09:00:00.000Z", scale: 8, unit: "hours" },
    expect: { output: "2016-09-19T17:00:00.000Z" },
  },
  {
    card: "date:add",
    title: "3 days later",
    doc: ADD,
    inputs: { start: "2016-09-07T00:01:25.670Z", scale: 3, unit: "days" },
    expect: { output: "2016-09-10T00:01:25.670Z" },
  },
  {
    card: "date:add",
    title: "a month after January 31st is the last day of February",
    doc: ADD,
    assumed: "months add by the calendar and clamp to the month's last day (moment.js)",
    inputs: { start: "2024-01-31T10:00:00.000Z", scale: 1, unit: "months" },
    expect: { output: "2024-02-29T10:00:00.000Z" },
  },
  {
    card: "date:add",
    title: "1.5 hours",
    doc: ADD,
    assumed: "a fractional amount of hours adds exactly",
    inputs: { start: "2024-01-01T00:00:00.000Z", scale: 1.5, unit: "hours" },
    expect: { output: "2024-01-01T01:30:00.000Z" },
  },
  {
    card: "date:add",
    title: "an unknown unit fails the card",
    doc: ADD,
    assumed: "a unit outside milliseconds…years is an input error (400)",
    inputs: { start: "2024-01-01T00:00:00.000Z", scale: 1, unit: "fortnights" },
    error: "is not one of",
  },
  {
    card: "date:add",
    title: "a negative amount goes back in time",
    doc: ADD,
    assumed: "adding a negative amount subtracts",
    inputs: { start: "2024-03-01T00:00:00.000Z", scale: -1, unit: "days" },
    expect: { output: "2024-02-29T00:00:00.000Z" },
  },
  {
    card: "date:subtract",
    title: "19 Sept 2016 minus 2 weeks: 5 Sept 2016",
    doc: SUBTRACT,
    inputs: { start: "2016-09-19T00:00:00.000Z", scale: 2, unit: "weeks" },
    expect: { output: "2016-09-05T00:00:00.000Z" },
  },
  {
    card: "date:subtract",
    title: "19 Sept 2016 5:00pm minus 8 hours: 9:00am",
    doc: SUBTRACT,
    inputs: { start: "2016-09-19T17:00:00.000Z", scale: 8, unit: "hours" },
    expect: { output: "2016-09-19T09:00:00.000Z" },
  },
  {
    card: "date:subtract",
    title: "90 days earlier",
    doc: SUBTRACT,
    inputs: { start: "2024-03-31T00:00:00.000Z", scale: 90, unit: "days" },
    expect: { output: "2024-01-01T00:00:00.000Z" },
  },
  {
    card: "date:subtract",
    title: "a year before February 29th is February 28th",
    doc: SUBTRACT,
    assumed: "years subtract by the calendar and clamp to the month's last day (moment.js)",
    inputs: { start: "2024-02-29T12:00:00.000Z", scale: 1, unit: "years" },
    expect: { output: "2023-02-28T12:00:00.000Z" },
  },
  {
    card: "date:diff",
    title: "the end date minus the start date in every unit, whole units toward zero",
    doc: NO_PAGE,
    assumed: `${DIFF_LABELS}; whole units truncated toward zero, months by the calendar (moment.js diff)`,
    inputs: { start: "2024-03-01T11:30:00.000Z", end: "2024-01-31T10:00:00.000Z" },
    expect: { days: 30, months: 1, years: 0, hours: 721, minutes: 43_290, seconds: 2_597_400, milliseconds: 2_597_400_000 },
  },
  {
    card: "date:diff",
    title: "an end date before the start date gives negative differences",
    doc: NO_PAGE,
    assumed: DIFF_LABELS,
    inputs: { start: "2024-06-14T00:00:00.000Z", end: "2025-06-15T00:00:00.000Z" },
    expect: { days: -366, months: -12, years: -1 },
  },
  {
    card: "date:diff",
    title: "days since a last login: Now in the end date",
    doc: NO_PAGE,
    assumed: DIFF_LABELS,
    inputs: { start: "2024-01-15T12:00:00.000Z", end: "2023-10-17T12:00:00.000Z" },
    expect: { days: 90 },
  },
  {
    card: "date:unix",
    title: "2016-09-07T00:01:25.670Z: 1473206485670 milliseconds",
    doc: PAGES.unix.url,
    inputs: { start: START },
    expect: { output: 1_473_206_485_670 },
  },
  {
    card: "date:iso",
    title: "ISO text without fractions, in UTC",
    doc: NO_PAGE,
    assumed: "the same text as Convert's iso output",
    inputs: { start: "2016-09-06T17:01:25.670-07:00" },
    expect: { output: "2016-09-07T00:01:25Z" },
  },
  format("milliseconds and offset in Asia/Kolkata", "YYYY-MM-DDTHH:mm:ss.SSSZ", "Asia/Kolkata", "2016-09-07T05:31:25.670+05:30"),
];
