/**
 * Scale: validate, show, diff and import of synthetic packs of 1k, 10k and 100k cards, each against a bare read +
 * JSON.parse of the same bytes measured in the same run, and the growth per 10× (linear ≈ ×10). Build at the same
 * sizes is bench/build.bench.ts. The packs are generated here with the DSL (nothing committed): one flow of N cards
 * mixing four card kinds, each card wired to the one before it. Peak memory of `flocode validate` on the 100k pack
 * is measured in a process of its own (target: within 2 GB).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Harness, Measurement } from "./harness.js";
import { loadCatalog } from "../src/catalog/store.js";
import { lower } from "../src/compile/lower.js";
import { emitPack } from "../src/compile/emit.js";
import { compose, flow, manual } from "../src/index.js";
import { kernel } from "../src/cards/index.js";
import type { FlowDef } from "../src/dsl/types.js";
import { validateText } from "../src/rules/validate.js";
import { buildPackView } from "../src/review/model.js";
import { renderShow } from "../src/review/show.js";
import { diffPacks } from "../src/review/diff.js";
import { importFlopack } from "../src/codegen/import-pack.js";
import { scramble } from "../test/support/scramble.js";

const SIZES = [1_000, 10_000, 100_000];
const CLI = fileURLToPath(new URL("../lib/cli/main.js", import.meta.url));

/** A flow of `cards` cards: Lowercase, Base64, Trim and Compose in turn, each reading the previous output. */
export function syntheticFlow(cards: number): FlowDef {
  return flow({ name: `Synthetic ${cards}`, trigger: manual() }, (f) => {
    let previous = f.add(kernel.string.toLowerCase({ string: "START" })).output;
    for (let i = 1; i < cards; i++) {
      switch (i % 4) {
        case 0:
          previous = f.add(kernel.string.toLowerCase({ string: previous })).output;
          break;
        case 1:
          previous = f.add(kernel.string.base64({ string: previous })).output;
          break;
        case 2:
          previous = f.add(kernel.string.trim({ string: previous })).output;
          break;
        default:
          previous = f.add(compose`step ${i}: ${previous}`).output;
      }
    }
  });
}

export function syntheticPackText(cards: number): string {
  const catalog = loadCatalog();
  const ir = lower({ flows: [syntheticFlow(cards)], defaultFolder: "Synthetic" }, catalog);
  return JSON.stringify(emitPack(ir, { template: (a, v) => catalog.get(a, v)?.template }, { created: "2000-01-01T00:00:00.000Z" }));
}

interface Row {
  cards: number;
  step: string;
  m: Measurement;
}

export default async function run(h: Harness): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "flocode-scale-"));
  const rows: Row[] = [];
  let sink = 0;
  try {
    for (const cards of SIZES) {
      const text = syntheticPackText(cards);
      const file = join(dir, `synthetic-${cards}.flopack`);
      writeFileSync(file, text);
      const scrambled = JSON.stringify(scramble(JSON.parse(text), 1));
      const big = cards >= 100_000;
      const opts = { runs: big ? 3 : 5, warmup: 1 };
      h.note(`${cards} cards: ${(text.length / 1e6).toFixed(1)} MB`);

      const base = await h.measure(`${cards}: read + JSON.parse (baseline)`, () => (sink += Object.keys(JSON.parse(readFileSync(file, "utf8")) as object).length), opts);
      const add = async (step: string, fn: () => unknown, o: { runs: number; warmup: number } = opts) =>
        rows.push({ cards, step, m: await h.measure(`${cards}: ${step}`, fn, { ...o, baseline: base }) });
      await add("validate (read + validateText)", () => {
        const findings = validateText(readFileSync(file, "utf8"), file);
        if (findings.some((f) => f.severity === "error")) throw new Error(`synthetic ${cards}: ${findings[0]!.code} ${findings[0]!.message}`);
        sink += findings.length;
      });
      await add("show (read + model + YAML)", () => (sink += renderShow(buildPackView(JSON.parse(readFileSync(file, "utf8")))).length));
      await add("diff vs scrambled copy (both parsed)", () => {
        if (!diffPacks(buildPackView(JSON.parse(readFileSync(file, "utf8"))), buildPackView(JSON.parse(scrambled))).equal) throw new Error(`synthetic ${cards}: scrambled copy differs`);
      });
      // Import writes nothing here (importFlopack returns the files); its code generation is the slow part.
      await add("import (validate + lift + codegen)", () => (sink += importFlopack(file, { out: join(dir, "imported") }).writes.length), big ? { runs: 1, warmup: 0 } : { runs: 3, warmup: 1 });
    }
    for (const step of [...new Set(rows.map((r) => r.step))]) {
      const of = rows.filter((r) => r.step === step);
      const growth = of.slice(1).map((r, i) => `×${(r.m.medianMs / of[i]!.m.medianMs).toFixed(1)}`);
      h.note(`growth per 10× cards, ${step}: ${growth.join(", ")} (linear ≈ ×10); µs per card: ${of.map((r) => ((r.m.medianMs * 1000) / r.cards).toFixed(1)).join(", ")}`);
    }
    h.note(validatePeakMemory(join(dir, `synthetic-${SIZES[SIZES.length - 1]}.flopack`)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (sink < 0) h.note("unreachable");
}

/** `flocode validate <file>` (the built CLI's main) in a process of its own, reporting that process's peak RSS. */
function validatePeakMemory(file: string): string {
  if (!existsSync(CLI)) return "peak memory of validate: skipped (run `npm run build` first)";
  const script = `const { main } = await import(${JSON.stringify(pathToFileURL(CLI).href)});
const code = await main(["validate", "--quiet", ${JSON.stringify(file)}]);
process.stderr.write("\\nMAXRSS " + process.resourceUsage().maxRSS + " EXIT " + code + "\\n");`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", maxBuffer: 1 << 28 });
  const m = /MAXRSS (\d+) EXIT (\d+)/.exec(r.stderr);
  if (!m) return `peak memory of validate: the process failed (${r.status}): ${r.stderr.slice(0, 200)}`;
  return `peak RSS of \`flocode validate\` on the ${SIZES[SIZES.length - 1]}-card pack, own process: ${(Number(m[1]) / 1024).toFixed(0)} MB (exit ${m[2]}; target ≤ 2048 MB)`;
}
