import { describe, expect, it } from "vitest";
import { link } from "../../src/lift/context.js";

describe("link", () => {
  const folders = new Map([["f-id-1", "reports"]]);

  it("is the ref of an object the pack holds", () => {
    expect(link(folders, "f-id-1")).toEqual({ ref: "reports" });
  });

  it("keeps an id the pack does not hold as a dangling id", () => {
    expect(link(folders, "f-id-2")).toEqual({ dangling: "f-id-2" });
    expect(link(new Map(), "")).toEqual({ dangling: "" });
  });
});
