import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

/**
 * Custom-field UI settings (`available`, `typeLocked`, `optional`, `collapsed`, `refFlag`, `unlabelled`) are what
 * let imported Assign/Return/helper fields of older exports be written without the raw escape hatch: each must
 * land in exactly its place in the entry, and a wrong value must be a DSL error at the field.
 */
function build(body: string): { status: number | null; stderr: string; flow?: any } {
  const dir = mkdtempSync(join(tmpdir(), "flocode-settings-"));
  const file = join(dir, "settings.flow.ts");
  writeFileSync(
    file,
    `import { card, flow, manual } from "flocode";\n\nexport default flow({ name: "Settings", description: "Field settings.", trigger: manual() }, (f) => {\n${body}\n});\n`,
  );
  const out = join(dir, "dist");
  const r = runCli(["build", file, "--out", out, "--no-checklist"]);
  if (r.status !== 0) return { status: r.status, stderr: r.stderr };
  const doc = JSON.parse(readFileSync(join(out, "settings.flow"), "utf8"));
  return { status: 0, stderr: r.stderr, flow: Object.values<any>(doc.data.flos)[0] };
}

const assign = (flow: any) => flow.data.methods.find((m: any) => m.address.endsWith(":control:0.0.1:let"));
const field = (card: any, side: "inputs" | "outputs", key: string) =>
  Object.values<any>(card.node.model[side].data).find((e) => e.key === key);

describe("custom field settings", () => {
  it("puts each setting where Okta keeps it and leaves the usual shape alone otherwise", () => {
    const r = build(`  f.add(card("root:kernel:control:0.0.1:let", { customInputs: [
    { key: "old", type: "string", available: ["string", "number"], typeLocked: true, unlabelled: true, value: "x" },
    { key: "plain", type: "number", value: 1 },
  ] }));`);
    expect(r.stderr).toBe("");
    const let_ = assign(r.flow);
    const old = field(let_, "inputs", "old");
    expect(old.value.available).toEqual(["string", "number"]);
    expect(old.metadata.typeLocked).toBe(true);
    expect(old.metadata).not.toHaveProperty("displayname");
    expect(old.metadata).not.toHaveProperty("description");
    // Assign mirrors its inputs onto outputs, settings included.
    expect(field(let_, "outputs", "old").metadata.typeLocked).toBe(true);
    const plain = field(let_, "inputs", "plain");
    expect(plain.value.available).toContain("folder");
    expect(plain.metadata).not.toHaveProperty("typeLocked");
    expect(plain.metadata.displayname).toBe("plain");
  });

  it("rejects a setting of the wrong type at the field", () => {
    const r = build(
      `  f.add(card("root:kernel:control:0.0.1:let", { customInputs: [{ key: "a", type: "string", typeLocked: "yes" as never }] }));`,
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/field "a" .*typeLocked must be true or false/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
