/**
 * The corpus rule (corpus.ts): FLOCODE_CORPUS absent → the corpus tests skip and the run says so once; set but
 * unusable → the run fails, naming the path. Checked on `readCorpus` and on real vitest runs.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_SKIP_MESSAGE, CorpusError, readCorpus } from "./corpus.js";
import { REPO } from "./repo.js";

const work = mkdtempSync(join(tmpdir(), "flocode-corpus-rule-"));
const folder = (name: string, files: Record<string, string> = {}): string => {
  const dir = join(work, name);
  mkdirSync(dir);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
};

describe("readCorpus", () => {
  it("is undefined when FLOCODE_CORPUS is not set (or empty)", () => {
    expect(readCorpus(undefined)).toBeUndefined();
    expect(readCorpus("")).toBeUndefined();
  });

  it("lists the exports of the folder (.flow, .folder, .flopack), sorted, as absolute paths", () => {
    const dir = folder("good", {
      "b.flopack": "{}",
      "a.flopack": "{}",
      "c.flow": "{}",
      "d.folder": "{}",
      "notes.txt": "",
      "x.flow.ts": "",
    });
    const files = ["a.flopack", "b.flopack", "c.flow", "d.folder"].map((f) => join(dir, f));
    expect(readCorpus(dir)).toEqual({ folders: [{ dir, files }], files });
    const rel = relative(process.cwd(), dir);
    expect(readCorpus(rel)?.files).toHaveLength(4);
  });

  it("reads several folders separated by ':', folder by folder, each named once", () => {
    const one = folder("one", { "a.flopack": "{}" });
    const two = folder("two", { "a.flow": "{}", "b.folder": "{}" });
    const corpus = readCorpus(`${one}:${two}:${one}:`);
    expect(corpus?.folders.map((f) => f.dir)).toEqual([one, two]);
    expect(corpus?.files).toEqual([join(one, "a.flopack"), join(two, "a.flow"), join(two, "b.folder")]);
  });

  it("fails when one of several folders is missing, naming that folder", () => {
    const good = folder("good-of-two", { "a.flopack": "{}" });
    const missing = join(work, "missing-of-two");
    expect(() => readCorpus(`${good}:${missing}`)).toThrow(`FLOCODE_CORPUS=${missing}: no such folder`);
  });

  it.each([
    ["a folder that does not exist", () => join(work, "nope"), /no such folder/],
    ["a file", () => join(folder("file-parent", { "x.flopack": "{}" }), "x.flopack"), /not a folder/],
    ["a folder without exports", () => folder("empty", { "readme.md": "", "a.flow.ts": "" }), /holds no export/],
    [
      "a folder whose .flopack cannot be read",
      () => {
        const dir = folder("dangling");
        symlinkSync(join(work, "gone.flopack"), join(dir, "a.flopack"));
        return dir;
      },
      /cannot read .*a\.flopack/,
    ],
  ])("fails on %s, naming the path", (_what, make, why) => {
    const path = make();
    expect(() => readCorpus(path)).toThrow(CorpusError);
    expect(() => readCorpus(path)).toThrow(`FLOCODE_CORPUS=${path}: `);
    expect(() => readCorpus(path)).toThrow(why);
  });
});

/** A vitest run of one small test file that has corpus tests, with FLOCODE_CORPUS as given (undefined: unset). */
function vitestRun(corpusValue: string | undefined): { status: number | null; output: string; lastLine: string } {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("VITEST") && k !== "FLOCODE_CORPUS") env[k] = v;
  if (corpusValue !== undefined) env.FLOCODE_CORPUS = corpusValue;
  env.NO_COLOR = "1";
  const r = spawnSync(process.execPath, [join(REPO, "node_modules/vitest/vitest.mjs"), "run", "test/review/scramble.test.ts"], {
    cwd: REPO,
    env,
    encoding: "utf8",
  });
  const output = `${r.stdout}${r.stderr}`;
  return { status: r.status, output, lastLine: r.stdout.trimEnd().split("\n").at(-1) ?? "" };
}

describe("the rule in a test run", () => {
  it("FLOCODE_CORPUS set to a missing folder: the run fails, naming it, and its closing line counts a failure", () => {
    const missing = join(work, "no-such-corpus");
    const r = vitestRun(missing);
    expect(r.status, r.output).not.toBe(0);
    expect(r.output).toContain(`FLOCODE_CORPUS=${missing}: no such folder`);
    expect(r.lastLine).toBe("0 passed, 1 failed, 0 skipped");
  });

  it("FLOCODE_CORPUS not set: the corpus tests skip and the run says so once", () => {
    const r = vitestRun(undefined);
    expect(r.status, r.output).toBe(0);
    expect(r.output.split(CORPUS_SKIP_MESSAGE)).toHaveLength(2);
    expect(r.lastLine).toMatch(/^[1-9]\d* passed, 0 failed, [1-9]\d* skipped$/);
  });
});

describe("CI's corpus (.ci/corpus, used by .ci/run)", () => {
  const ciCorpus = (env: Record<string, string>): string => {
    const base: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? "" };
    const r = spawnSync(join(REPO, ".ci/corpus"), [], { cwd: REPO, env: { ...base, ...env }, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout.trim();
  };
  const community = folder("ci-community", { "a.flow": "{}" });

  it("adds the community folder to the FLOCODE_CORPUS it is given, once", () => {
    expect(ciCorpus({ FLOCODE_CORPUS: "../shared/flopacks", FLOCODE_COMMUNITY: community })).toBe(`../shared/flopacks:${community}`);
    expect(ciCorpus({ FLOCODE_CORPUS: `x:${community}`, FLOCODE_COMMUNITY: community })).toBe(`x:${community}`);
  });

  it("defaults to Okta's templates, and leaves out a community folder that does not exist", () => {
    expect(ciCorpus({ FLOCODE_COMMUNITY: community })).toBe(`../shared/flopacks:${community}`);
    expect(ciCorpus({ FLOCODE_CORPUS: "a:b", FLOCODE_COMMUNITY: join(work, "no-community") })).toBe("a:b");
  });
});
