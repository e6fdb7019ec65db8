/**
 * Determinism under stress: several `flocode build` (and `flocode import`) processes writing the same output folder
 * at the same time. Every file must land whole (atomic rename), byte-identical to what a single process writes, and
 * no temporary file may remain. While the writers run, this process keeps reading the output files: a reader must
 * never see a partial file either.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO, runCli, runCliAsync, type CliResult } from "../support/cli.js";

const PARALLEL = 6;
/** A flow file and a pack folder: both kinds of build target, two output files. */
const TARGETS = ["flows/m365-keepalive.flow.ts", "flows/group-audit"];
let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "flocode-stress-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every file under `dir` (relative path → bytes). */
function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

/**
 * Runs PARALLEL writers into `shared` while reading every file `reference` holds, as often as the event loop allows.
 * Returns the number of reads that saw a complete file and every read that saw something else.
 */
async function raceWriters(
  parallel: number,
  args: (i: number) => string[],
  shared: string,
  reference: Map<string, Buffer>,
): Promise<{ results: CliResult[]; reads: number; torn: string[] }> {
  let done = false;
  let reads = 0;
  const torn: string[] = [];
  const reader = (async () => {
    while (!done) {
      for (const [name, expected] of reference) {
        const p = join(shared, name);
        if (!existsSync(p)) continue;
        let bytes: Buffer;
        try {
          bytes = readFileSync(p);
        } catch {
          continue; // renamed away between the check and the read
        }
        reads++;
        if (!bytes.equals(expected)) torn.push(`${name}: ${bytes.length} of ${expected.length} bytes`);
      }
      await new Promise((r) => setImmediate(r));
    }
  })();
  const results = await Promise.all(Array.from({ length: parallel }, (_, i) => runCliAsync(args(i))));
  done = true;
  await reader;
  return { results, reads, torn };
}

describe("parallel writers into one output folder", () => {
  it(`${PARALLEL} parallel builds leave complete files, byte-identical to one build, and no temp files`, async () => {
    const single = join(work, "build-single");
    const one = runCli(["build", ...TARGETS, "--out", single, "--no-checklist"]);
    expect(one.status, one.stderr).toBe(0);
    const reference = snapshot(single);
    expect(reference.size).toBe(2);

    const shared = join(work, "build-shared");
    const { results, reads, torn } = await raceWriters(
      PARALLEL,
      () => ["build", ...TARGETS, "--out", shared, "--no-checklist"],
      shared,
      reference,
    );
    for (const r of results) expect(r.status, r.stderr).toBe(0);
    expect(torn).toEqual([]);
    expect(reads).toBeGreaterThan(0);
    const after = snapshot(shared);
    expect([...after.keys()]).toEqual([...reference.keys()]); // nothing else: no .flocode-tmp-* left behind
    for (const [name, bytes] of reference) expect(after.get(name)!.equals(bytes), name).toBe(true);
  });

  it("3 parallel imports of one export into one folder give the files of a single import", async () => {
    const source = join(REPO, "dist/m365-keepalive.flow");
    const single = join(work, "import-single");
    const one = runCli(["import", source, "--out", single]);
    expect(one.status, one.stderr).toBe(0);
    const reference = snapshot(single);
    expect(reference.size).toBeGreaterThanOrEqual(2);

    const shared = join(work, "import-shared");
    const { results, torn } = await raceWriters(3, () => ["import", source, "--out", shared], shared, reference);
    for (const r of results) expect(r.status, r.stderr).toBe(0);
    expect(torn).toEqual([]);
    const after = snapshot(shared);
    expect([...after.keys()]).toEqual([...reference.keys()]);
    for (const [name, bytes] of reference) expect(after.get(name)!.equals(bytes), name).toBe(true);
  });
});
