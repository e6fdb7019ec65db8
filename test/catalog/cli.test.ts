import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCatalogFile } from "../../src/catalog/file.js";
import { fileURLToPath } from "node:url";
import { runMain as run } from "../support/cli.js";

function tmp(): string {
  return mkdtempSync(join(tmpdir(), "flocode-catalog-cli-"));
}

const minimal = JSON.parse(readFileSync(fileURLToPath(new URL("../fixtures/minimal.flopack", import.meta.url)), "utf8"));

/**
 * A schema-valid flopack (test/fixtures/minimal.flopack) whose flow also holds variants of its start card with a
 * choice option (`requestType`) and, for POST, an extra `Body` input: card variants no built-in entry has.
 */
function flopackText(variants: Array<"GET" | "POST">, withBuiltinCard = false): string {
  const pack = structuredClone(minimal);
  const flow = Object.values(pack.data.flos)[0] as { data: { methods: Array<Record<string, any>> } };
  const root = flow.data.methods[0]!;
  const clones = variants.map((requestType, i) => {
    const c = structuredClone(root);
    c.uuid = `Var${i}xxxxx`;
    const data = c.node.model.inputs.data;
    const add = (id: string, entry: Record<string, unknown>) => {
      data[id] = { id, required: false, ref: false, metadata: {}, flags: "d", ...entry };
    };
    add(`rt${i}xxxxxx`, {
      group: "parameters",
      key: "requestType",
      flags: "p",
      value: { type: "string", collection: false, data: requestType },
      metadata: { choices: ["GET", "POST"].map((v) => ({ label: v, value: v })) },
    });
    if (requestType === "POST") add(`bd${i}xxxxxx`, { group: "Request", key: "Body", value: { type: "object", collection: false, data: {} } });
    return c;
  });
  flow.data.methods = withBuiltinCard ? [root, ...clones] : clones;
  return JSON.stringify(pack);
}

describe("flocode catalog list", () => {
  it("prints a table filtered by connector", async () => {
    const r = await run(["catalog", "list", "--connector", "office365admin"]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^ADDRESS\s+VARIANT\s+COUNT\s+NAME\s+OPTIONS$/);
    expect(lines.slice(1, -1).every((l) => l.startsWith("root:channels:http:office365admin:"))).toBe(true);
    expect(r.stdout).toContain('{"requestType":"GET"}');
    expect(lines.at(-1)).toMatch(/^\d+ entries$/);
  });

  it("--json lists entries with their origin", async () => {
    const r = await run(["catalog", "list", "--json", "--connector", "control"]);
    const json = JSON.parse(r.stdout) as { entries: Array<{ address: string; variant: string; origin: string; count: number; derivedFrom?: string }> };
    expect(json.entries.length).toBeGreaterThan(10);
    expect(json.entries.every((e) => e.address.startsWith("root:kernel:control:") && e.origin === "builtin")).toBe(true);
    // seen in the exports, or the clean variant of one that was (counted 0: no export holds it as it is)
    const variants = new Set(json.entries.map((e) => e.variant));
    for (const e of json.entries)
      if (e.derivedFrom === undefined) expect(e.count, e.variant).toBeGreaterThan(0);
      else expect([e.count, variants.has(e.derivedFrom)], e.variant).toEqual([0, true]);
    expect(json.entries.some((e) => e.derivedFrom !== undefined)).toBe(true);
  });

  it("--project adds the project's entries (marked), and a missing or invalid project file is an error", async () => {
    const dir = tmp();
    const file = join(dir, "flocode.catalog.json");
    const { learnIntoProjectCatalog } = await import("../../src/catalog/project.js");
    learnIntoProjectCatalog(file, [{ flopack: JSON.parse(flopackText(["GET"])), source: "a.flopack" }]);
    const r = await run(["catalog", "list", "--json", "--project", file, "--connector", "control"]);
    const origins = (JSON.parse(r.stdout).entries as Array<{ origin: string; options: object }>).filter((e) => e.origin === "project");
    expect(origins).toEqual([expect.objectContaining({ options: { requestType: "GET" } })]);
    expect((await run(["catalog", "list", "--project", join(dir, "nope.json")])).status).toBe(2);
    writeFileSync(file, '{"entries":[{"address":1}]}');
    const bad = await run(["catalog", "list", "--project", file]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe(`flocode: ${file}: /entries/0/address: "address" must be a non-empty string\n`);
  });
});

describe("flocode catalog learn", () => {
  it("adds variants the built-in catalog lacks to --out, and reports them", async () => {
    const dir = tmp();
    const input = join(dir, "export.flopack");
    writeFileSync(input, flopackText(["GET", "POST"], true));
    const out = join(dir, "cat", "flocode.catalog.json");
    const r = await run(["catalog", "learn", input, "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`${out}: 2 new entries, 0 updated, 1 already built in; 2 in the file`);
    expect(readCatalogFile(out).entries.map((e) => e.options)).toEqual(expect.arrayContaining([{ requestType: "GET" }, { requestType: "POST" }]));
    const again = await run(["catalog", "learn", input, "--out", out, "--json"]);
    const json = JSON.parse(again.stdout);
    expect(json).toMatchObject({ added: [], updated: 2, known: 1, total: 2, written: true });
    expect(readCatalogFile(out).entries.every((e) => e.count === 2)).toBe(true);
  });

  it("invalid or unreadable inputs: clear error, exit 1 or 2, nothing written", async () => {
    const dir = tmp();
    const out = join(dir, "flocode.catalog.json");
    const broken = join(dir, "broken.flopack");
    writeFileSync(broken, '{"type":');
    const good = join(dir, "good.flopack");
    writeFileSync(good, flopackText(["GET"]));
    const r = await run(["catalog", "learn", good, broken, "--out", out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^flocode: ${broken.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}.*FP004.*nothing learned\\n$`));
    expect(existsSync(out)).toBe(false);
    const missing = await run(["catalog", "learn", join(dir, "missing.flopack"), "--out", out]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/FP001/);
    expect(existsSync(out)).toBe(false);
    expect((await run(["catalog", "learn"])).status).toBe(2);
  });

  it("keeps a corrupt project file untouched", async () => {
    const dir = tmp();
    const out = join(dir, "flocode.catalog.json");
    writeFileSync(out, "not json");
    const good = join(dir, "good.flopack");
    writeFileSync(good, flopackText(["GET"]));
    const r = await run(["catalog", "learn", good, "--out", out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/not valid JSON/);
    expect(readFileSync(out, "utf8")).toBe("not json");
  });
});
