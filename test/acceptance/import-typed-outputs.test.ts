/**
 * `flocode import` writes typed outputs (issue 11): over every export of the corpus, an output of a card made by a
 * typed factory is read as a property (`readUser.status`) or, for an output no type lists (a custom output, an
 * output of another variant), with `$custom`; `$out("...")` is left only on cards written as `card(address)`, whose
 * outputs have no type. The counts are printed on every run.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runMain } from "../support/cli.js";
import { corpus } from "../support/corpus.js";

function codeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? codeFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

const c = corpus();
describe.skipIf(!c)("import writes typed outputs", () => {
  it("over every corpus export: $out only on card(address) cards, typed properties elsewhere", async () => {
    const out = mkdtempSync(join(tmpdir(), "flocode-import-typed-"));
    try {
      const counts = { exports: 0, outOnUntyped: 0, customOnFactories: 0, custom: 0, typedAccess: 0 };
      const outOnFactories: string[] = [];
      for (const [i, file] of c!.files.entries()) {
        const dir = join(out, String(i));
        const r = await runMain(["import", file, "--out", dir]);
        expect(r.status, `${file}: ${r.stderr}`).toBe(0);
        counts.exports++;
        for (const code of codeFiles(dir)) {
          const text = readFileSync(code, "utf8");
          // How each card variable was made: `x = f.add(card(...))` or `x = f.add(okta.readUser(...))`.
          const made = new Map(
            [...text.matchAll(/const (\w+) = \w+\.add\((card\(|[\w.]+\()/g)].map((m) => [m[1]!, m[2] === "card(" ? "card" : "factory"]),
          );
          for (const m of text.matchAll(/(\w+)\.\$out\(/g)) {
            if (made.get(m[1]!) === "card") counts.outOnUntyped++;
            else outOnFactories.push(`${file}: ${m[0]}`);
          }
          for (const m of text.matchAll(/(\w+)\.\$custom\b/g)) {
            counts.custom++;
            if (made.get(m[1]!) === "factory") counts.customOnFactories++;
          }
          for (const m of text.matchAll(/\b(\w+)\.([a-z]\w*)\b/g))
            if (made.get(m[1]!) === "factory" && !m[2]!.startsWith("$")) counts.typedAccess++;
        }
      }
      console.info(
        `[import] ${counts.exports} exports: ${counts.typedAccess} typed output reads on factory cards, ` +
          `${counts.outOnUntyped} $out("...") on card(address) cards, ${outOnFactories.length} on factory cards, ` +
          `${counts.custom} $custom (${counts.customOnFactories} on factory cards: custom outputs, other variants' outputs)`,
      );
      expect(outOnFactories).toEqual([]);
      expect(counts.typedAccess).toBeGreaterThan(1000);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 600_000);
});
