/**
 * Issue 11's acceptance: the flows of test/fixtures/from-scratch/, written as a user would with only the README,
 * `--help` and the installed types, build (into a temporary folder), validate with 0 errors, read their outputs
 * through their types, and write cards that agree, card by card, with the real cards of the same address in the
 * corpus: the same key sets, the same entries (types, groups, flags), the same metadata keys on each entry, option
 * values real cards hold, and no constant the flow did not write that no real card holds. Every disagreement has a
 * documented reason (`EXPLAINED`); the agreement is printed on every run.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contractField } from "../../src/catalog/contract.js";
import { Catalog } from "../../src/catalog/store.js";
import { isInstanceEntry } from "../../src/catalog/template.js";
import { forEachCard } from "../../src/catalog/walk.js";
import { readFlopackFile } from "../../src/format/parse.js";
import type { Json, JsonObject } from "../../src/ir/types.js";
import { canonicalJson, isObject } from "../../src/util/json.js";
import { entries, entryShapes, keySets, metadataKeys, realCardsByAddress } from "../support/card-compare.js";
import { REPO, runCli } from "../support/cli.js";
import { corpus } from "../support/corpus.js";
import { builtinCatalogDir, parseCatalogText } from "../../src/catalog/file.js";
import { markerSources } from "../../src/catalog/learn-corpus.js";
import { dataOfEntry } from "../support/factory-cards.js";

const FIXTURES = join(REPO, "test/fixtures/from-scratch");
const sources = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".flow.ts"))
  .sort();
const catalog = Catalog.builtin();

/**
 * Disagreements with every real card of the address that are expected, by "<address> <field>": why the card is
 * right anyway. A disagreement not listed fails the test.
 */
const EXPLAINED: Record<string, string> = {};

/**
 * Warnings a from-scratch flow may carry, by code: why a fresh card or flow made in Okta carries it too. Any other
 * warning fails the test. `ALLOWED_IN_FILE` allows a code in one built file only, with the reason.
 */
const ALLOWED_WARNINGS: Record<string, string> = {
  FP209: "real Custom API Action and other connector cards export parents.channel/version without data.id as well",
  FP211: "a flow made in Okta has no description until its author writes one; these fixtures write none",
};
const ALLOWED_IN_FILE: Record<string, string> = {};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether every literal part of a Compose text (around its `{{{valueN}}}` placeholders) is in the flow files. */
function writtenText(text: string, flowText: string): boolean {
  return text
    .split(/\{\{\{value\d+\}\}\}/)
    .every((part) => part === "" || flowText.includes(part.replace(/"/g, "")) || flowText.includes(part));
}

let out: string;
let build: ReturnType<typeof runCli>;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), "flocode-from-scratch-"));
  build = runCli(["build", FIXTURES, "--out", out, "--no-checklist"]);
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

function builtFiles(): string[] {
  return readdirSync(out)
    .filter((f) => f.endsWith(".flow"))
    .sort()
    .map((f) => join(out, f));
}

describe("flows written from scratch", () => {
  it("at least 12, the issue's five among them, each typed (tsc -p . compiles test/fixtures)", () => {
    expect(sources.length).toBeGreaterThanOrEqual(12);
    for (const five of ["m365-keepalive", "sales-license", "users-to-slack", "api-suspend", "tables-seen"])
      expect(sources).toContain(`${five}.flow.ts`);
  });

  it("build into a temporary folder, one .flow per flow file, and validate with 0 errors", () => {
    expect(build.status, build.stderr).toBe(0);
    expect(builtFiles().map((f) => f.slice(out.length + 1))).toEqual(sources.map((s) => s.replace(/\.ts$/, "")));
    const r = runCli(["validate", "--json", ...builtFiles()]);
    expect(r.status, r.stdout).toBe(0);
    const report = JSON.parse(r.stdout) as { valid: boolean; files: Array<{ errors: number }> };
    expect(report.valid).toBe(true);
    expect(report.files.map((f) => f.errors)).toEqual(sources.map(() => 0));
  });

  it("validate with 0 warnings but those a fresh card or flow made in Okta carries too (ALLOWED_WARNINGS)", () => {
    expect(build.status, build.stderr).toBe(0);
    const r = runCli(["validate", "--json", ...builtFiles()]);
    const report = JSON.parse(r.stdout) as {
      files: Array<{ file: string; findings: Array<{ code: string; severity: string; message: string; pointer: string }> }>;
    };
    const unexpected = report.files.flatMap((f) => {
      const name = f.file.slice(out.length + 1);
      return f.findings
        .filter((x) => x.severity === "warning")
        .filter((x) => !Object.hasOwn(ALLOWED_WARNINGS, x.code) && !Object.hasOwn(ALLOWED_IN_FILE, `${name} ${x.code}`))
        .map((x) => `${name} ${x.code} ${x.pointer}: ${x.message}`);
    });
    expect(unexpected).toEqual([]);
  });

  it("read outputs through their types: no $out strings, $custom only for outputs no type lists", () => {
    const customs: string[] = [];
    for (const file of sources) {
      const text = readFileSync(join(FIXTURES, file), "utf8");
      expect(text, file).not.toMatch(/\$out\(/);
      for (const m of text.matchAll(/\$custom(?:<.*?>)?\("([^"]+)"\)/g)) customs.push(`${file}: ${m[1]}`);
    }
    expect(customs).toEqual([
      "sales-license.flow.ts: department", // a profile attribute of the org: a custom output of Read User
      "welcome-by-type.flow.ts: greeting", // the custom field of an Assign card
    ]);
  });

  /** The folders the built-in catalog was learned from, as its marker names them. */
  const learnedFrom = () =>
    markerSources(parseCatalogText(readFileSync(join(builtinCatalogDir(), "control.json"), "utf8"), "control.json").header).map((s) =>
      basename(s.label),
    );

  const c = corpus();
  it.skipIf(!c)("write cards that agree with the real cards of the same address, card by card", () => {
    expect(build.status, build.stderr).toBe(0);
    const real = realCardsByAddress(c!.files);
    const flowText = sources.map((s) => readFileSync(join(FIXTURES, s), "utf8")).join("\n");
    let cards = 0;
    let agreeing = 0;
    let chosenOnly = 0;
    const disagreeing: string[] = [];
    const unexplained: string[] = [];
    // Addresses no export of the corpus given holds: an error only when the corpus has every folder the built-in
    // catalog was learned from (CI's corpus may lack the community exports: then those cards are not compared).
    const absent = new Set<string>();
    const complete = learnedFrom().every((n) => c!.folders.some((f) => basename(f.dir) === n));
    const field = (address: string, name: string, agrees: boolean, detail = "") => {
      if (agrees) return void agreeing++;
      const id = `${address} ${name}`;
      disagreeing.push(`${id}${detail}`);
      if (!Object.hasOwn(EXPLAINED, id)) unexplained.push(`${id}${detail}`);
    };
    for (const file of builtFiles()) {
      const read = readFlopackFile(file);
      if (!read.ok) throw new Error(`${file}: ${read.findings[0]?.message}`);
      forEachCard(read.flopack, ({ card }) => {
        const address = String(card.address);
        const reals = real.get(address) ?? [];
        if (reals.length === 0) return void absent.add(address);
        cards++;
        const contract = catalog.contract(address);
        field(
          address,
          "keys",
          reals.some((r) => keySets(r) === keySets(card)),
        );
        const mine = canonicalJson(entryShapes(card));
        const shapes = (r: JsonObject) =>
          [entryShapes(r), ...(contract ? [entryShapes(r, contract), entryShapes(r, contract, true)] : [])].map((s) => canonicalJson(s));
        const mineClean = contract ? canonicalJson(entryShapes(card, contract, true)) : mine;
        field(
          address,
          "entries",
          reals.some((r) => shapes(r).includes(mine) || shapes(r).at(-1) === mineClean),
        );
        field(
          address,
          "metadata keys",
          reals.some((r) => metadataKeys(r) === metadataKeys(card)),
        );
        for (const side of ["inputs", "outputs"] as const)
          if (entries(card, side).some((e) => isObject(e.metadata) && "ghost" in e.metadata)) unexplained.push(`${address}: a ghost entry`);
        for (const e of entries(card, "inputs")) {
          if (isInstanceEntry(e, address) || typeof e.key !== "string") continue;
          const group = typeof e.group === "string" ? e.group : null;
          const value = dataOfEntry(e);
          const held = (v: Json | undefined) =>
            reals.some((r) =>
              entries(r, "inputs").some(
                (x) => x.key === e.key && (x.group ?? null) === group && canonicalJson(dataOfEntry(x) ?? null) === canonicalJson(v ?? null),
              ),
            );
          const input = contract && contractField(contract.inputs, group, e.key);
          if (e.flags === "p" && input?.choices) {
            // An option's value: one real cards hold, else one of the card's choices the flow chose.
            const chosen = input.choices.some((ch) => canonicalJson(ch.value) === canonicalJson(value ?? null));
            if (!held(value) && chosen) chosenOnly++;
            field(address, `option ${e.key}`, held(value) || chosen, ` = ${JSON.stringify(value)}`);
          } else if (typeof value === "string" && (UUID.test(value) || (e.key === "_text_" && writtenText(value, flowText)))) {
            // An id flocode derived from a name (a helper flow, a table), or the text of a Compose the flow wrote.
          } else if (
            value !== undefined &&
            value !== null &&
            typeof value !== "object" &&
            value !== "" &&
            !flowText.includes(String(value))
          ) {
            // A constant the flow did not write comes from the template: a value real cards hold, or the default.
            const isDefault = input?.default !== undefined && canonicalJson(input.default) === canonicalJson(value);
            field(address, `constant ${e.key}`, held(value) || isDefault, ` = ${JSON.stringify(value)}`);
          }
        }
      });
    }
    console.info(
      `[from scratch] ${sources.length} flow files, ${cards} cards compared with real cards of their address: ` +
        `${agreeing} fields agreeing (${chosenOnly} of them option values no real card holds, among the card's choices), ${disagreeing.length} disagreeing` +
        disagreeing.map((d) => `\n  ${d}: ${EXPLAINED[d.split(" = ")[0]!] ?? "UNEXPLAINED"}`).join(""),
    );
    if (absent.size > 0) console.info(`[from scratch] not compared (no real card in this corpus): ${[...absent].sort().join(", ")}`);
    expect(complete ? [...absent] : []).toEqual([]);
    expect(cards).toBeGreaterThan(complete ? 100 : 50);
    expect(unexplained).toEqual([]);
  });
});
