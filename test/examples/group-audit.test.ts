/**
 * The pack example: a scheduled flow reads a user's groups and hands each one to a helper flow with For Each.
 * The helper's Stringify (`json:stringify`) runs in the function-card library: the test runs once the library
 * has it.
 */
import { describe, expect, it } from "vitest";
import { mock, simulate } from "flocode/testing";
import { okta } from "flocode/cards";
import groupAudit from "../../flows/group-audit/pack.js";

const groups = [
  { ID: "00g1", Name: "Everyone" },
  { ID: "00g2", Name: "Admins" },
];

describe("Audit User Groups (pack, For Each over a helper flow)", () => {
  it("runs the helper flow once per group, each with its group and index", async () => {
    const run = await simulate(groupAudit, { flow: "Audit User Groups", mocks: [mock(okta.getUsersGroups, { groups })] });
    expect(run.error).toBeUndefined();
    expect(run.warnings).toEqual([]);
    const helperRuns = run.trace.filter((t) => t.flow === "Log One Group" && t.card === "Helper Flow");
    expect(helperRuns.map((t) => [t.path, t.outputs.Index, t.outputs.group])).toEqual([
      [["For Each #1"], 0, groups[0]],
      [["For Each #2"], 1, groups[1]],
    ]);
    const logged = run.trace.filter((t) => t.card === "Stringify").map((t) => JSON.parse(t.outputs.output as string));
    expect(logged).toEqual(groups);
  });
});
