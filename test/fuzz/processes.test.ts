/**
 * Fuzz cases through the real CLI process (the built CLI, test/support/cli.ts), the way users run it. Each command
 * must end (a hang is killed after a minute and fails the test), with an exit code of the contract and no stack
 * trace; and what needs a process of its own is fuzzed here:
 * - streams: every case is also read from /dev/stdin (a pipe) and from a fifo, with the same findings as the file;
 * - a hostile repository: the cases are committed beside a `.gitattributes` routing `*.flow.ts` to the flopack
 *   textconv driver and a flow file that writes a marker when run; `git log -p` must never run it;
 * - concurrent catalog writers: the cases are imported in parallel under one project catalog, which must end with
 *   every card variant the cases teach one by one, and every imported folder must build.
 * `npm test`: 3 cases; `npm run fuzz`: 40.
 */
import fc from "fast-check";
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCatalogFile } from "../../src/catalog/file.js";
import { cliEntry, runCli, runCliAsync, runMain } from "../support/cli.js";
import { buildImported, commandsFor, fuzzBases, fuzzSeed, isKnownOpen } from "./cases.js";
import { mutate, mutationArb } from "./mutate.js";
import { contractBreach } from "./contract.js";

const work = mkdtempSync(join(tmpdir(), "flocode-fuzz-process-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const cases = process.env.FLOCODE_FUZZ_RUNS ? 40 : 3;
const HANG_MS = 60_000;
/** The commands run as processes for every case (import loads ts-morph: the concurrent test imports every case). */
const PROCESS_COMMANDS = new Set(["validate", "validate --json", "show", "diff", "graph", "checklist"]);

interface Case {
  file: string;
  base: string;
  what: string;
}

function sampleCases(): Case[] {
  const bases = fuzzBases();
  const seed = fuzzSeed();
  const mutations = fc.sample(mutationArb, { numRuns: cases, ...(seed !== undefined ? { seed: seed + 1 } : {}) });
  return mutations.map((m, i) => {
    const base = bases[m.base % bases.length]!;
    const file = join(work, `case-${i}.flopack`);
    writeFileSync(file, mutate(base.text, m));
    return { file, base: base.file, what: `${JSON.stringify(m)} (base ${base.file})` };
  });
}

const CASES = sampleCases();
let commandsRun = 0;

function expectContract(r: { status: number | null; stdout: string; stderr: string }, command: string, where: string): void {
  commandsRun++;
  expect(r.status, `${where}: killed after ${HANG_MS} ms or by a signal`).not.toBeNull();
  const breach = contractBreach({ status: r.status!, stdout: r.stdout, stderr: r.stderr });
  if (breach !== undefined && isKnownOpen({ command, breach })) return;
  expect(breach, where).toBeUndefined();
}

/** validate's findings without the file names (the same file read three ways names itself three ways). */
function findings(stdout: string, file: string): string {
  return stdout.split(file).join("<file>");
}

describe("fuzz: mutated exports through the CLI process", () => {
  it(`keeps the contract and never hangs on ${cases} mutated files, read as files, from /dev/stdin and from a fifo`, async () => {
    for (const [i, c] of CASES.entries()) {
      for (const [command, argv] of commandsFor(c.file, c.base, join(work, `out-${i}`)).filter(([name]) => PROCESS_COMMANDS.has(name)))
        expectContract(runCli(argv, { timeout: HANG_MS }), command, `${command} on ${c.what}`);
      const fromFile = runCli(["validate", c.file], { timeout: HANG_MS });

      const piped = spawnSync("sh", ["-c", `cat "${c.file}" | "${process.execPath}" "${cliEntry()}" validate /dev/stdin`], {
        encoding: "utf8",
        timeout: HANG_MS,
        maxBuffer: 1 << 28,
      });
      expectContract(piped, "validate", `validate /dev/stdin on ${c.what}`);
      expect(findings(piped.stdout, "/dev/stdin"), c.what).toBe(findings(fromFile.stdout, c.file));

      const fifo = join(work, `fifo-${i}`);
      spawnSync("mkfifo", [fifo]);
      const writer = spawn("sh", ["-c", `cat "${c.file}" > "${fifo}"`]);
      const viaFifo = await runCliAsync(["validate", fifo], { timeout: HANG_MS });
      writer.kill();
      expectContract(viaFifo, "validate", `validate <fifo> on ${c.what}`);
      expect(findings(viaFifo.stdout, fifo), c.what).toBe(findings(fromFile.stdout, c.file));
    }
  }, 3600_000);

  it("git log -p over the cases with a hostile .gitattributes never runs a flow file", () => {
    const repo = join(work, "repo");
    const marker = join(work, "ran");
    const wrapper = join(work, "flocode");
    writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${cliEntry()}" "$@"\n`);
    chmodSync(wrapper, 0o755);
    const env = { ...process.env, GIT_CONFIG_NOSYSTEM: "1", HOME: work, LANG: "C", GIT_PAGER: "cat" };
    const git = (...args: string[]) => spawnSync("git", args, { cwd: repo, encoding: "utf8", env, timeout: 600_000, maxBuffer: 1 << 28 });
    mkdirSync(repo);
    git("init", "-q", "-b", "main");
    git("config", "user.name", "fuzz");
    git("config", "user.email", "fuzz@example.com");
    git("config", "diff.flopack.textconv", `${wrapper} show`);
    writeFileSync(join(repo, ".gitattributes"), "*.flopack diff=flopack\n*.flow.ts diff=flopack\n*.ts diff=flopack\n");
    writeFileSync(
      join(repo, "notes.flow.ts"),
      `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, "ran");\nexport default 1;\n`,
    );
    git("add", ".");
    git("commit", "-q", "-m", "hostile attributes");
    for (const [i, c] of CASES.entries()) {
      writeFileSync(join(repo, `case-${i}.flopack`), readFileSync(c.file, "utf8"));
      writeFileSync(join(repo, `case-${i}.flow.ts`), readFileSync(join(repo, "notes.flow.ts"), "utf8"));
      git("add", ".");
      git("commit", "-q", "-m", `case ${i}`);
    }
    // one path at a time: a textconv refusal stops the rest of that git command
    for (const path of ["notes.flow.ts", ...CASES.flatMap((_, i) => [`case-${i}.flopack`, `case-${i}.flow.ts`])]) {
      const r = git("log", "-p", "--", path);
      commandsRun++;
      expect(r.stdout + r.stderr, path).not.toMatch(/internal error|\n\s+at .+:\d+:\d+\)?\n/);
    }
    expect(existsSync(marker), "a flow file ran under git log -p").toBe(false);
  }, 3600_000);

  it("parallel imports of the cases under one project catalog keep every variant, and every imported folder builds", async () => {
    const project = join(work, "project");
    mkdirSync(project);
    const catalog = join(project, "flocode.catalog.json");
    writeFileSync(catalog, '{"$comment":"fuzz","entries":[]}\n');
    // the cases and their unmutated bases (so that some imports succeed whatever the mutations did)
    const files = [...CASES.map((c) => c.file), ...new Set(CASES.map((c) => c.base))];
    const runs = await Promise.all(
      files.map((file, i) => runCliAsync(["import", file, "--out", join(project, `case-${i}`)], { timeout: 600_000 })),
    );
    const imported: string[] = [];
    const expected = new Set<string>();
    for (const [i, r] of runs.entries()) {
      expectContract(r, "import", `parallel import of ${files[i]}`);
      if (r.status !== 0) continue;
      imported.push(join(project, `case-${i}`));
      // what this file teaches on its own (import learns at least that much)
      const alone = join(work, `alone-${i}.json`);
      expect((await runMain(["catalog", "learn", files[i]!, "--out", alone])).status).toBe(0);
      commandsRun++;
      if (existsSync(alone)) for (const e of readCatalogFile(alone).entries) expected.add(`${e.address} ${e.variant}`);
    }
    const learned = new Set(readCatalogFile(catalog).entries.map((e) => `${e.address} ${e.variant}`));
    expect(
      [...expected].filter((key) => !learned.has(key)),
      "variants lost by parallel imports",
    ).toEqual([]);
    expect(imported.length).toBeGreaterThan(0);
    const built = buildImported(imported, join(work, "project-dist"));
    expect(built.breach).toBeUndefined();
    // a mutated case may hold what build refuses (a bad time zone); a card the shared catalog lost never
    expect(built.unbuilt.filter((u) => /catalog variant|unknown card/.test(u.message))).toEqual([]);
    // the unmutated bases (the files after the cases) always build
    expect(built.unbuilt.filter((u) => Number(u.folder.split("case-").pop()) >= CASES.length)).toEqual([]);
    commandsRun++;
    console.info(`[fuzz processes] ${cases} cases, ${commandsRun} commands run as processes, ${imported.length} parallel imports built`);
  }, 3600_000);
});
