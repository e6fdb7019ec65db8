/**
 * `flocode import` as users run it (the built CLI, test/support/cli.ts), and the corpus acceptance:
 * every export imports; the generated folder builds back into the same flopack (after normalising what is
 * generated); all generated code type-checks in one tsc run.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runImportFile } from "../../src/cli/run-import.js";
import { REPO as repo, runCli, runCliAsync } from "../support/cli.js";
import { corpus, readCorpusJson } from "../support/corpus.js";
import { firstDifference, normaliseFlopack } from "../support/normalise.js";
import { exportBaseName, isExportFileName } from "../../src/format/file-kinds.js";

const env = { SOURCE_DATE_EPOCH: "0" };
const run = (args: string[]) => runCli(args, { env });

const work = mkdtempSync(join(tmpdir(), "flocode-import-"));
// Generated flow files are ES modules: build them inside a "type": "module" package, as a flocode project is.
writeFileSync(join(work, "package.json"), JSON.stringify({ type: "module", private: true }));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const fixture = join(repo, "test/fixtures/minimal.flopack");

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}

describe("flocode import (built CLI)", () => {
  it("imports a flopack into a pack folder that builds back into the same flopack", () => {
    const out = join(work, "minimal");
    const r = run(["import", fixture, "--out", out, "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { files: string[]; cards: number; rawCards: number };
    expect(report.files.map((f) => basename(f)).sort()).toEqual([".flocode-import.json", "daily-check.flow.ts", "pack.ts", "resources.ts"]);
    expect(report.cards).toBe(1);
    expect(report.rawCards).toBe(0);
    const flowText = readFileSync(join(out, "daily-check.flow.ts"), "utf8");
    expect(flowText).toContain('schedule.daily({ at: "09:00"');
    const b = run(["build", out, "--out", join(work, "dist-minimal"), "--no-checklist"]);
    expect(b.status, b.stderr).toBe(0);
    const built = readJson(join(work, "dist-minimal", "minimal.folder"));
    expect(firstDifference(normaliseFlopack(readJson(fixture) as never), normaliseFlopack(built as never))).toBeUndefined();
  });

  it("refuses an invalid file with findings, exit 1, and writes nothing", () => {
    const bad = join(work, "bad.flopack");
    writeFileSync(bad, '{"type":"flopack","version":"1.5.0","data":{"flos":{"x":{"id":"y"}}}}');
    const out = join(work, "bad-out");
    const r = run(["import", bad, "--out", out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("bad.flopack");
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(out)).toBe(false);
  });

  it("exits 2 on a file it cannot read", () => {
    const r = run(["import", join(work, "missing.flopack"), "--out", join(work, "missing-out")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("missing.flopack");
    expect(existsSync(join(work, "missing-out"))).toBe(false);
  });

  it("writes the same bytes on every run", () => {
    const a = join(work, "det-a");
    const b = join(work, "det-b");
    for (const out of [a, b]) expect(run(["import", fixture, "--out", out]).status).toBe(0);
    for (const f of ["pack.ts", "resources.ts", "daily-check.flow.ts"])
      expect(readFileSync(join(a, f), "utf8")).toBe(readFileSync(join(b, f), "utf8"));
  });

  it("learns cards the catalog does not know into the project catalog, and builds with them", () => {
    // A flow of the repo built, then moved to a connector version no catalog has: import must learn its cards.
    const dist = join(work, "future-src");
    expect(run(["build", join(repo, "flows", "m365-keepalive.flow.ts"), "--out", dist, "--no-checklist"]).status).toBe(0);
    const original = readFileSync(join(dist, "m365-keepalive.flow"), "utf8");
    const version = /root:channels:http:[A-Za-z0-9_]+:(\d+\.\d+\.\d+):/.exec(original)?.[1];
    expect(version).toBeDefined();
    const text = original.split(version!).join("9.99.999");
    const file = join(work, "future.flopack");
    writeFileSync(file, text);
    const out = join(work, "future");
    const r = run(["import", file, "--out", out, "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { learned: number; catalogFile: string };
    expect(report.learned).toBeGreaterThan(0);
    expect(report.catalogFile).toBe(join(out, "flocode.catalog.json"));
    expect(readFileSync(report.catalogFile, "utf8")).toContain(":9.99.999:");
    const b = run(["build", out, "--out", join(work, "dist-future"), "--no-checklist"]);
    expect(b.status, b.stderr).toBe(0);
    const built = readJson(join(work, "dist-future", "future.folder"));
    expect(firstDifference(normaliseFlopack(JSON.parse(text) as never), normaliseFlopack(built as never))).toBeUndefined();
  });

  it("gives back flocode's own builds equal, written with the DSL's helpers", () => {
    // Build the repo's example flows, import each result, build again.
    const dist = join(work, "own-dist");
    const b = run(["build", join(repo, "flows"), "--out", dist, "--no-checklist"]);
    expect(b.status, b.stderr).toBe(0);
    const packs = readdirSync(dist).filter(isExportFileName);
    expect(packs.map((p) => p.slice(p.lastIndexOf(".")))).toEqual(expect.arrayContaining([".flow", ".folder"]));
    for (const p of packs) {
      const out = join(work, "own", exportBaseName(p));
      expect(run(["import", join(dist, p), "--out", out]).status).toBe(0);
      const texts = readdirSync(out)
        .filter((f) => f.endsWith(".ts"))
        .map((f) => readFileSync(join(out, f), "utf8"));
      // Everything the DSL made comes back as DSL: typed factories and trigger helpers, no generic cards or roots.
      for (const t of texts) {
        expect(t).not.toContain('card("root:');
        expect(t).not.toMatch(/^\s*root: /m);
      }
      const again = join(work, "own-again");
      const r2 = run(["build", out, "--out", again, "--no-checklist"]);
      expect(r2.status, r2.stderr).toBe(0);
      // An imported export is a pack folder: it builds into a .folder file.
      const rebuilt = join(again, `${exportBaseName(p)}.folder`);
      const d = firstDifference(normaliseFlopack(readJson(join(dist, p)) as never), normaliseFlopack(readJson(rebuilt) as never));
      expect(d, p).toBeUndefined();
    }
  }, 120_000);

  it("writes an If/Else made with f.ifElse back as f.ifElse, the values it hands on included", () => {
    const src = join(work, "ifelse-src");
    mkdirSync(src, { recursive: true });
    writeFileSync(
      join(src, "check.flow.ts"),
      `import { flow, helperFlow } from "flocode";
import { kernel } from "flocode/cards";
export default flow({ name: "Check", trigger: helperFlow({ params: { age: "number" } }) }, (f) => {
  const age = f.trigger.$out<number>("age");
  const verdict = f.ifElse({ left: age, operator: ">", right: 17 }, (then) => {
    const adult = then.add(kernel.string.concat({ string1: "adult", string2: "" }));
    return { label: adult.$out("output") };
  }, (otherwise) => {
    otherwise.comment("too young");
    const minor = otherwise.add(kernel.string.concat({ string1: "minor", string2: "" }));
    return { label: minor.$out("output") };
  });
  f.add(kernel.string.concat({ string1: verdict.$out("label"), string2: "!" }));
});
`,
    );
    const dist = join(work, "ifelse-dist");
    const b = run(["build", join(src, "check.flow.ts"), "--out", dist, "--no-checklist"]);
    expect(b.status, b.stderr).toBe(0);
    const out = join(work, "ifelse");
    expect(run(["import", join(dist, "check.flow"), "--out", out]).status).toBe(0);
    const text = readFileSync(join(out, "check.flow.ts"), "utf8");
    expect(text).toContain(".ifElse(");
    expect(text).toMatch(/return \{ label: /);
    expect(text).not.toContain(".branch(");
    const again = join(work, "ifelse-again");
    const r2 = run(["build", out, "--out", again, "--no-checklist"]);
    expect(r2.status, r2.stderr).toBe(0);
    const d = firstDifference(
      normaliseFlopack(readJson(join(dist, "check.flow")) as never),
      normaliseFlopack(readJson(join(again, "ifelse.folder")) as never),
    );
    expect(d).toBeUndefined();
  });

  it("exits 2 when --out is a file", () => {
    const file = join(work, "a-file");
    writeFileSync(file, "x");
    const r = run(["import", fixture, "--out", file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^flocode: .*not a folder/m);
  });
});

const c = corpus();

describe.skipIf(!c)("corpus: import → build → the same flopack", () => {
  const root = join(work, "corpus");
  const imported: Array<{ file: string; dir: string; folder: string }> = [];
  /** Per corpus folder: exports, cards, cards with raw escape hatches. */
  const perFolder = new Map<string, { files: number; cards: number; rawCards: number }>();
  const warnings: string[] = [];
  const rawList: Array<{ flow: string; card: string; address: string; why: string[] }> = [];

  beforeAll(() => {
    mkdirSync(root, { recursive: true });
    c!.folders.forEach((folder, i) => {
      const tally = { files: 0, cards: 0, rawCards: 0 };
      perFolder.set(folder.dir, tally);
      for (const file of folder.files) {
        // One pack folder per export, named after it (the folder index keeps namesakes of two folders apart).
        const dir = join(root, `${i}_${exportBaseName(basename(file)).replace(/[^A-Za-z0-9_]/g, "_")}`);
        const r = runImportFile(file, { out: dir });
        if (!r.ok) throw new Error(`${file}: ${r.findings.map((x) => x.message).join("; ")}`);
        tally.files++;
        tally.cards += r.cards;
        tally.rawCards += r.rawCards;
        warnings.push(...r.warnings.map((w) => `${basename(file)}: ${w}`));
        rawList.push(...r.raw);
        imported.push({ file, dir, folder: folder.dir });
      }
    });
  }, 240_000);

  it("imports every export; raw escape hatches stay under 1% of the cards of each corpus folder", () => {
    expect(imported.length).toBe(c!.files.length);
    for (const [folder, t] of perFolder) {
      console.info(
        `[import] ${folder}: ${t.files} exports, ${t.cards} cards, ${t.rawCards} with raw escape hatches (${((100 * t.rawCards) / t.cards).toFixed(2)}%)`,
      );
      expect(t.cards, folder).toBeGreaterThan(0);
      expect(t.rawCards / t.cards, `${folder}: raw cards`).toBeLessThan(0.01);
    }
    // The report names each raw card and what made it raw (import --json, npm run raw-report).
    expect(rawList).toHaveLength([...perFolder.values()].reduce((n, t) => n + t.rawCards, 0));
    for (const r of rawList) expect(r.why.length, `${r.flow}: ${r.card}`).toBeGreaterThan(0);
  });

  it("says nothing is lost: no export needs a warning about what the DSL cannot express", () => {
    expect(warnings).toEqual([]);
  });

  it("builds each imported folder back into the same flopack", async () => {
    const results = await mapLimit(imported, 8, async ({ file, dir, folder }) => {
      const dist = join(work, "dist", basename(dir));
      const built = await runCliAsync(["build", dir, "--out", dist, "--no-checklist"], { env });
      if (built.status !== 0)
        return {
          file,
          folder,
          problem: `build failed (exit ${built.status ?? built.signal}): ${built.stderr.split("\n").find((l) => l.trim() !== "") ?? ""}`,
        };
      // An imported export is a pack folder: it builds into a .folder file.
      const d = firstDifference(
        normaliseFlopack(readCorpusJson(file) as never),
        normaliseFlopack(readJson(join(dist, `${basename(dir)}.folder`)) as never),
      );
      return { file, folder, problem: d };
    });
    const failed = results.filter((r) => r.problem !== undefined);
    for (const folder of perFolder.keys()) {
      const mine = results.filter((r) => r.folder === folder);
      console.info(`[import] ${folder}: round trip ${mine.filter((r) => r.problem === undefined).length}/${mine.length} equal`);
    }
    expect(results).toHaveLength(c!.files.length);
    // Every export comes back equal (a floor on the count would let a different corpus fail quietly).
    expect(failed.map((f) => `${basename(f.file)}: ${f.problem}`)).toEqual([]);
  }, 300_000);

  it("generates code that type-checks (one tsc run over the whole corpus)", () => {
    writeFileSync(
      join(root, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2023",
          lib: ["ES2023"],
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          typeRoots: [join(repo, "node_modules/@types")],
          types: ["node"],
          paths: { flocode: [join(repo, "src/index.ts")], "flocode/cards": [join(repo, "src/cards/index.ts")] },
        },
        include: ["**/*.ts"],
      }),
    );
    const tsc = spawnSync(process.execPath, [join(repo, "node_modules/typescript/bin/tsc"), "-p", join(root, "tsconfig.json")], {
      encoding: "utf8",
      maxBuffer: 1 << 26,
    });
    const errors = tsc.stdout.split("\n").filter((l) => /error TS\d+/.test(l));
    expect(errors.slice(0, 20)).toEqual([]);
    // tsc exits 0 only when it checked everything: a crash or a bad tsconfig prints no "error TS" line.
    expect(tsc.status, `${tsc.stdout}${tsc.stderr}`.slice(0, 2000)).toBe(0);
  }, 300_000);
});

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  });
  await Promise.all(workers);
  return out;
}
