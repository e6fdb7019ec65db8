import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cliEntry, REPO } from "../support/cli.js";

/**
 * `flocode build --watch` on real processes, on temporary copies of a flow: a save rebuilds, a broken save prints
 * its mistakes and keeps the last good file (the process goes on), a fixed save rebuilds, a save of an imported
 * module rebuilds its importer, Ctrl-C ends with exit 0 and no temporary file. No timings asserted: each step
 * waits (generously) for the line that says it happened.
 */
const work = mkdtempSync(join(tmpdir(), "flocode-watch-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const STEP_MS = 60_000;

class Watcher {
  readonly child: ChildProcessWithoutNullStreams;
  output = "";
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(cwd: string, args: string[], color: Record<string, string> = { NO_COLOR: "1" }) {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.FORCE_COLOR;
    delete env.NO_COLOR;
    Object.assign(env, color);
    this.child = spawn(process.execPath, [cliEntry(), "build", "--watch", ...args], { cwd, env });
    this.child.stdout.on("data", (d: Buffer) => (this.output += d.toString("utf8")));
    this.child.stderr.on("data", (d: Buffer) => (this.output += d.toString("utf8")));
    this.exited = new Promise((resolve) => this.child.on("exit", (code, signal) => resolve({ code, signal })));
  }

  /** Waits until `text` has appeared `times` times in stdout + stderr. */
  async waitFor(text: string, times = 1): Promise<void> {
    const deadline = Date.now() + STEP_MS;
    while (this.output.split(text).length - 1 < times) {
      if (this.child.exitCode !== null) throw new Error(`flocode exited (${this.child.exitCode}) before printing ${text}:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`no ${JSON.stringify(text)} (×${times}) within ${STEP_MS} ms:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async interrupt(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.child.kill("SIGINT");
    return this.exited;
  }
}

function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, "utf8");
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
}

function leftovers(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => /\.flocode-(tmp|bak)-/.test(f));
}

describe("flocode build --watch", () => {
  it("a save rebuilds; a broken save prints its mistake and keeps the last good file; a fixed save rebuilds; Ctrl-C exits 0", async () => {
    const dir = join(work, "keepalive");
    mkdirSync(dir);
    cpSync(join(REPO, "flows/m365-keepalive.flow.ts"), join(dir, "keepalive.flow.ts"));
    const flow = join(dir, "keepalive.flow.ts");
    const built = join(dir, "out", "keepalive.flow");
    const w = new Watcher(dir, ["keepalive.flow.ts", "--out", "out"]);
    try {
      await w.waitFor("watching keepalive.flow.ts for changes");
      expect(w.output).toContain("wrote out/keepalive.flow\n");
      expect(w.output).toContain("rebuilt 1 target in ");
      expect(readFileSync(built, "utf8")).toContain('"/Me"');

      edit(flow, '"/Me"', '"/Me/manager"');
      await w.waitFor("rebuilt 1 target in ", 2);
      expect(w.output).toContain("change: keepalive.flow.ts\n");
      expect(w.output).toContain("checklist of keepalive.flow: unchanged\n");
      const good = readFileSync(built, "utf8");
      expect(good).toContain('"/Me/manager"');

      edit(flow, '"02:00"', '"25:00"');
      await w.waitFor("build failed: 1 mistake");
      expect(w.output).toMatch(/flocode: .*keepalive\.flow\.ts:\d+:\d+: invalid time "25:00"/);
      expect(w.output).toContain("nothing was written, the last good files stay: out/keepalive.flow");
      expect(readFileSync(built, "utf8")).toBe(good);
      expect(w.child.exitCode).toBeNull();

      edit(flow, '"25:00"', '"03:00"');
      await w.waitFor("rebuilt 1 target in ", 3);
      expect(readFileSync(built, "utf8")).not.toBe(good);
      expect(w.output).toMatch(
        /\n {2}- \[ \] Turn on scheduled flow "M365 Keepalive" last \(.* at 02:00, .*\)\n {2}\+ \[ \] .* at 03:00, /,
      );
    } finally {
      const { code, signal } = await w.interrupt();
      expect({ code, signal }).toEqual({ code: 0, signal: null });
    }
    expect(leftovers(dir)).toEqual([]);
  });

  it("a save of a module a flow file imports rebuilds that flow file (its module graph), and only it", async () => {
    const dir = join(work, "graph");
    mkdirSync(join(dir, "flows"), { recursive: true });
    cpSync(join(REPO, "flows/m365-keepalive.flow.ts"), join(dir, "flows", "keepalive.flow.ts"));
    cpSync(join(REPO, "flows/api-suspend-user.flow.ts"), join(dir, "flows", "suspend.flow.ts"));
    writeFileSync(join(dir, "flows", "paths.ts"), 'export const ME = "/Me";\n');
    edit(join(dir, "flows", "keepalive.flow.ts"), '"/Me"', "ME");
    edit(
      join(dir, "flows", "keepalive.flow.ts"),
      'import { office365admin } from "flocode/cards";',
      'import { office365admin } from "flocode/cards";\nimport { ME } from "./paths.js";',
    );
    const w = new Watcher(dir, ["flows", "--out", "out", "--no-checklist"]);
    try {
      await w.waitFor("watching flows for changes");
      expect(w.output).toContain("rebuilt 2 targets in ");
      expect(readFileSync(join(dir, "out", "keepalive.flow"), "utf8")).toContain('"/Me"');

      writeFileSync(join(dir, "flows", "paths.ts"), 'export const ME = "/Me/photo";\n');
      await w.waitFor("rebuilt 1 target in ");
      expect(w.output).toContain(`change: ${join("flows", "paths.ts")}\n`);
      expect(readFileSync(join(dir, "out", "keepalive.flow"), "utf8")).toContain('"/Me/photo"');
      expect(w.output.split("wrote out/suspend.flow").length - 1).toBe(1);

      // a new flow file in the watched folder is built
      cpSync(join(REPO, "flows/m365-keepalive.flow.ts"), join(dir, "flows", "second.flow.ts"));
      await w.waitFor("wrote out/second.flow");
    } finally {
      const { code } = await w.interrupt();
      expect(code).toBe(0);
    }
    expect(leftovers(dir)).toEqual([]);
  });

  it("colors its status lines only when asked: FORCE_COLOR on a pipe (the tests above set NO_COLOR)", async () => {
    const dir = join(work, "color");
    mkdirSync(dir);
    cpSync(join(REPO, "flows/m365-keepalive.flow.ts"), join(dir, "k.flow.ts"));
    const w = new Watcher(dir, ["k.flow.ts", "--out", "out", "--no-checklist"], { FORCE_COLOR: "1" });
    try {
      await w.waitFor("for changes (Ctrl-C to stop)");
      expect(w.output).toMatch(/\u001b\[32mrebuilt 1 target in \d+ ms\u001b\[39m\n/);
    } finally {
      expect((await w.interrupt()).code).toBe(0);
    }
  });

  it("cannot be combined with --check or --json (exit 2)", async () => {
    const { runCli } = await import("../support/cli.js");
    for (const extra of ["--check", "--json"]) {
      const r = runCli(["build", "--watch", extra, "flows"]);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`flocode: --watch cannot be combined with ${extra}\n`);
    }
  });
});
