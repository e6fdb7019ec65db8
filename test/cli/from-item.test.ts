/**
 * `fromItem` (the list item field a For Each / Map argument takes, `value.proxy.path`) was invisible to diff and
 * show: two flopacks differing only there gave exit 0. Both now name it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

describe("diff and show see a For Each argument's list item field", () => {
  it("diff exits 1 naming the card and the field; show's text differs", () => {
    const dir = mkdtempSync(join(tmpdir(), "flocode-from-item-"));
    const r = runCli(["build", "flows/group-audit", "--out", dir, "--no-checklist"]);
    expect(r.status, r.stderr).toBe(0);
    const a = join(dir, "group-audit.folder");
    const text = readFileSync(a, "utf8");
    expect(text).toContain('"proxy":{"dynamic":true,"path":""');
    const b = join(dir, "changed.flopack");
    writeFileSync(b, text.replace('"proxy":{"dynamic":true,"path":""', '"proxy":{"dynamic":true,"path":"ID"'));
    const diff = runCli(["diff", a, b]);
    expect(diff.status).toBe(1);
    expect(diff.stdout).toContain('card "For Each (list each)": field "group" "object ← item" → "object ← item.ID"');
    const [showA, showB] = [runCli(["show", a]), runCli(["show", b])];
    expect(showA.stdout).toContain("group: object ← item\n");
    expect(showB.stdout).toContain("group: object ← item.ID\n");
  });
});
