import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isoDate, readDate } from "../../../src/simulate/functions/dates.js";

describe("Date values", () => {
  it("are written as Date#toISOString writes them", () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_000_000_000_000, max: 253_402_300_799_999 }), (ms) => {
        expect(isoDate(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 2000 },
    );
  });

  it("read back every text they are written as", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799_999 }), (ms) => {
        expect(readDate(isoDate(ms))).toBe(ms);
      }),
      { numRuns: 2000 },
    );
  });

  it("read common forms, in UTC unless the text names a zone", () => {
    const utc = Date.UTC(2016, 8, 7, 0, 1, 25);
    expect(readDate("2016-09-07T00:01:25Z")).toBe(utc);
    expect(readDate("2016-09-07T00:01:25")).toBe(utc);
    expect(readDate("2016-09-07 00:01:25")).toBe(utc);
    expect(readDate("2016-09-06T17:01:25-07:00")).toBe(utc);
    expect(readDate("2016-09-07T05:31:25+0530")).toBe(utc);
    expect(readDate("2016-09-07")).toBe(Date.UTC(2016, 8, 7));
    expect(readDate("Wed, 07 Sep 2016 00:01:25 GMT")).toBe(utc);
    expect(readDate("September 7, 2016 12:01 AM")).toBe(Date.UTC(2016, 8, 7, 0, 1));
    expect(readDate("Sep 7th 2016")).toBe(Date.UTC(2016, 8, 7));
    expect(readDate("9/7/2016")).toBe(Date.UTC(2016, 8, 7));
    expect(readDate("1473206485670")).toBe(1_473_206_485_670);
    expect(readDate(1_473_206_485_670)).toBe(1_473_206_485_670);
  });

  it("refuse what is not a date", () => {
    for (const text of ["", "soon", "2016-02-30", "2016-13-01", "12345", "Smarch 3, 2016", "25:00"])
      expect(readDate(text), text).toBeUndefined();
    expect(readDate({})).toBeUndefined();
    expect(readDate(Number.NaN)).toBeUndefined();
  });
});
