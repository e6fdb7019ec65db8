import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RULES } from "../../src/rules/index.js";
import { MINIMAL_PATH, minimal, rich } from "../rules/fixture.js";
import { runCli, runMain } from "../support/cli.js";

const dir = mkdtempSync(join(tmpdir(), "flocode-validate-"));
const write = (name: string, content: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

/** The output of the last `main` call. */
let stdout = "";
let stderr = "";
async function main(args: string[]): Promise<number | "threw"> {
  const r = await runMain(args);
  stdout = r.stdout;
  stderr = r.stderr;
  return r.status;
}

function brokenPack(): string {
  const doc = rich() as Record<string, any>;
  const helper = Object.values<any>(doc.data.flos).find((f) => f.name === "Helper with branches");
  helper.data.orderings.hEdge0009 = ["hSpawnCd1", "nowhere12"];
  return write("broken.flopack", JSON.stringify(doc));
}

describe("flocode validate", () => {
  it("exits 0 on a valid file and prints nothing on stdout", async () => {
    expect(await main(["validate", MINIMAL_PATH])).toBe(0);
    expect(stdout).toBe("");
    expect(stderr).toBe("1 file checked: all valid (0 errors, 0 warnings)\n");
  });

  it("exits 1 and prints `file: /pointer: CODE slug message` per finding", async () => {
    const file = brokenPack();
    expect(await main(["validate", file])).toBe(1);
    const flow = `${file}: /data/flos/0b7e5c1d-3f2a-4d6b-8e9c-1a2b3c4d5e6f/data`;
    expect(stdout).toBe(
      `${flow}/methods: FP115 single-root flow has 2 start cards ("hCallable1", "hTryCard1"); cards other than the first need an incoming ordering\n` +
        `${flow}/orderings/hEdge0009/1: FP123 orderings-resolve ordering ends at "nowhere12", which is not a card of this flow\n`,
    );
  });

  it("reports every file, warnings included, and exits with the worst status", async () => {
    const doc = minimal() as { data: { flos: Record<string, { description: string }> } };
    const flow = Object.keys(doc.data.flos)[0]!;
    doc.data.flos[flow]!.description = "";
    const undescribed = write("undescribed.flopack", JSON.stringify(doc));
    const broken = brokenPack();
    expect(await main(["validate", undescribed, broken, MINIMAL_PATH])).toBe(1);
    expect(stdout).toContain(`${undescribed}: /data/flos/${flow}/description: FP211 flow-description flow has no description (warning)\n`);
    expect(stdout).toContain(`${broken}: `);
    expect(stderr).toBe("3 files checked: 1 invalid (2 errors, 1 warning)\n");
    expect(await main(["validate", "--quiet", undescribed])).toBe(0);
  });

  it("prints machine-readable JSON with --json", async () => {
    const broken = brokenPack();
    expect(await main(["validate", "--json", MINIMAL_PATH, broken])).toBe(1);
    const out = JSON.parse(stdout);
    expect(out.valid).toBe(false);
    expect(out.files.map((f: { file: string; valid: boolean; errors: number }) => [f.file, f.valid, f.errors])).toEqual([
      [MINIMAL_PATH, true, 0],
      [broken, false, 2],
    ]);
    expect(out.files[1].findings[0]).toMatchObject({ code: "FP115", slug: "single-root", severity: "error", file: broken });
  });

  it("lists every rule with --rules (and as JSON)", async () => {
    expect(await main(["validate", "--rules"])).toBe(0);
    for (const r of RULES) expect(stdout).toContain(`${r.code} ${r.slug} (${r.severity}): `);
    expect(await main(["validate", "--rules", "--json"])).toBe(0);
    expect(JSON.parse(stdout).rules.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(RULES.map((r) => r.code)));
  });

  it("exits 2 on a missing file or a directory, still reporting the other files", async () => {
    const broken = brokenPack();
    expect(await main(["validate", join(dir, "missing.flopack"), dir, broken])).toBe(2);
    expect(stdout).toContain(`${join(dir, "missing.flopack")}: /: FP001 io-error no such file: ${join(dir, "missing.flopack")}\n`);
    expect(stdout).toContain(`${dir}: /: FP001 io-error ${dir} is a directory, not a file\n`);
    expect(stdout).toContain(`${broken}: /data/flos/`);
  });

  it("exits 2 without files", async () => {
    expect(await main(["validate"])).toBe(2);
    expect(stderr).toContain("flocode: validate needs at least one file");
  });

  it("teaches with examples in --help", async () => {
    expect(await main(["validate", "--help"])).toBe(0);
    expect(stdout).toContain("Examples:");
    expect(stdout).toContain("Exit codes: 0 all files valid");
  });
});

describe("flocode validate as a process: hostile files give one clear line, never a stack trace", () => {
  const cases: Array<[string, string | Uint8Array, number, RegExp]> = [
    [
      "truncated.flopack",
      JSON.stringify(minimal()).slice(0, 500),
      1,
      /FP004 json-syntax invalid JSON at line 1 column 501: unexpected end of input/,
    ],
    ["not-json.flopack", "<html>", 1, /FP004 json-syntax invalid JSON at line 1 column 1: unexpected '<'/],
    ["binary.flopack", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]), 1, /FP003 not-text file is binary/],
    ["empty.flopack", "", 1, /FP002 empty-file file is empty/],
    ["array.flopack", "[1,2,3]", 1, /FP006 not-an-object the document is an array/],
    [
      "deep.flopack",
      "[".repeat(200_000) + "]".repeat(200_000),
      1,
      /FP005 json-depth JSON nests deeper than 256 levels at line 1 column 257/,
    ],
    ["proto.flopack", '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}', 1, /FP010 schema missing required key "type"/],
  ];
  it.each(cases)("%s", (name, content, code, line) => {
    const file = write(name, content);
    const r = runCli(["validate", file]);
    expect(r.status).toBe(code);
    expect(r.stdout).toMatch(line);
    expect(r.stdout.split("\n")[0]!.startsWith(`${file}`)).toBe(true);
    expect(r.stderr).not.toMatch(/\n\s+at |Error:|TypeError|RangeError/);
  });

  it("a missing file and a directory exit 2", () => {
    const r = runCli(["validate", join(dir, "nope.flopack"), dir]);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain("FP001 io-error no such file");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
