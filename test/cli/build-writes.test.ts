import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cliEntry, REPO, runCli } from "../support/cli.js";

/**
 * `flocode build` writes all or nothing, for real processes: a failure while writing leaves no target and no
 * temporary file, I/O errors are one line naming the real path (exit 2), broken links in the build folder are
 * clean errors (Ctrl-C while writing: test/stress/interrupted-build.test.ts).
 */
const work = mkdtempSync(join(tmpdir(), "flocode-build-writes-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const FLOWS = join(REPO, "flows");
/** The four targets of flows/, in build order. */
const TARGETS = ["api-suspend-user", "group-audit", "m365-keepalive", "welcome-new-user"];
/** What build writes for each target by default: a .flow per flow file, a .folder per pack folder. */
const OUTPUT: Record<string, string> = {
  "api-suspend-user": "api-suspend-user.flow",
  "group-audit": "group-audit.folder",
  "m365-keepalive": "m365-keepalive.flow",
  "welcome-new-user": "welcome-new-user.flow",
};

function build(out: string, extra: string[] = [], source = FLOWS) {
  return runCli(["build", source, "--out", out, "--no-checklist", ...extra]);
}

describe("a failure while writing", () => {
  it("a folder where the third of four exports goes: exit 2, the real path named, none of the four written", () => {
    const out = join(work, "eisdir");
    mkdirSync(join(out, "m365-keepalive.flow"), { recursive: true });
    const r = build(out);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`flocode: ${join(out, "m365-keepalive.flow")}: cannot write: a folder is in the way; nothing was written\n`);
    expect(readdirSync(out)).toEqual(["m365-keepalive.flow"]);
  });

  it("permission denied: exit 2 naming the file, the previous outputs untouched, no temporary file", () => {
    const out = join(work, "readonly");
    expect(build(out).status).toBe(0);
    const before = Object.fromEntries(TARGETS.map((t) => [t, readFileSync(join(out, OUTPUT[t]!))]));
    writeFileSync(
      join(FLOWS_COPY(), "m365-keepalive.flow.ts"),
      readFileSync(join(FLOWS, "m365-keepalive.flow.ts"), "utf8").replace("/Me", "/Organization"),
    );
    chmodSync(out, 0o555);
    chmodSync(work, 0o755); // mkdtemp made it 0700: another user could not reach the sources
    try {
      // root ignores file modes: run as nobody then (a real EACCES either way)
      const asNobody = process.getuid?.() === 0;
      const r = asNobody ? spawnCli(["build", FLOWS_COPY(), "--out", out, "--no-checklist"], 65534) : build(out, [], FLOWS_COPY());
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(
        new RegExp(`^flocode: ${escape(out)}/[a-z0-9-]+\\.(flow|folder): cannot write: permission denied; nothing was written\\n$`),
      );
    } finally {
      chmodSync(out, 0o755);
    }
    expect(readdirSync(out).sort()).toEqual(TARGETS.map((t) => OUTPUT[t]!));
    for (const t of TARGETS) expect(readFileSync(join(out, OUTPUT[t]!)).equals(before[t]!), t).toBe(true);
  });

  it("an output folder that is a broken link or a link loop: exit 2, one line naming it", () => {
    const dangling = join(work, "dangling-out");
    symlinkSync(join(work, "nowhere"), dangling);
    const r = build(dangling);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `flocode: ${join(dangling, OUTPUT[TARGETS[0]!]!)}: cannot write: ${dangling} is a broken link; nothing was written\n`,
    );
    const loop = join(work, "loop-out");
    symlinkSync(join(work, "loop-out-2"), loop);
    symlinkSync(loop, join(work, "loop-out-2"));
    const l = build(loop);
    expect(l.status).toBe(2);
    expect(l.stderr).toMatch(/cannot write: .*(too many levels of symbolic links|is a broken link)/);
    expect(l.stderr).not.toContain("internal error");
  });
});

/** A copy of flows/ that a test may change. */
let flowsCopy: string | undefined;
function FLOWS_COPY(): string {
  if (flowsCopy === undefined) {
    flowsCopy = join(work, "flows-copy");
    cpSync(FLOWS, flowsCopy, { recursive: true });
  }
  return flowsCopy;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** The built CLI as another user (root only). */
function spawnCli(args: string[], uid: number): { status: number | null; stderr: string } {
  try {
    execFileSync(process.execPath, [cliEntry(), ...args], { uid, gid: uid, cwd: work, encoding: "utf8", stdio: "pipe" });
    return { status: 0, stderr: "" };
  } catch (error) {
    const e = error as { status: number | null; stderr: string };
    return { status: e.status, stderr: e.stderr };
  }
}

describe("links in the build folder", () => {
  it("a broken link named like a flow file: exit 2 naming it", () => {
    const src = join(work, "src-dangling");
    mkdirSync(src);
    cpSync(join(FLOWS, "m365-keepalive.flow.ts"), join(src, "m365-keepalive.flow.ts"));
    symlinkSync(join(src, "gone.flow.ts.orig"), join(src, "gone.flow.ts"));
    const r = build(join(work, "out-dangling"), [], src);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`flocode: ${join(src, "gone.flow.ts")}: not a readable flow file (a broken link or a link loop)\n`);
  });

  it("a fifo given as a flow file or a pack.ts: exit 2 at once, nothing waits for a writer", () => {
    const fifo = join(work, "waiting.flow.ts");
    execFileSync("mkfifo", [fifo]);
    const r = build(join(work, "out-fifo"), [], fifo);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`flocode: ${fifo}: not a regular file or a folder (a fifo, a device or a socket cannot be built)\n`);
    const pack = join(work, "fifo-pack");
    mkdirSync(pack);
    execFileSync("mkfifo", [join(pack, "pack.ts")]);
    const p = build(join(work, "out-fifo"), [], pack);
    expect(p.status).toBe(2);
    expect(p.stderr).toBe(`flocode: no flow files (*.flow.ts) or pack folders found in ${pack}\n`);
  });

  it("a folder or a link named like a file of another format is the user's: not removed as a leftover", () => {
    const out = join(work, "not-leftovers");
    mkdirSync(join(out, "m365-keepalive.flopack"), { recursive: true });
    symlinkSync(join(work, "nowhere"), join(out, "m365-keepalive.folder"));
    const src = join(work, "src-one");
    mkdirSync(src);
    cpSync(join(FLOWS, "m365-keepalive.flow.ts"), join(src, "m365-keepalive.flow.ts"));
    const r = build(out, [], src);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["m365-keepalive.flopack", "m365-keepalive.flow", "m365-keepalive.folder"]);
  });

  it("other broken links, link loops and a link to the folder itself are passed over", () => {
    const src = join(work, "src-links");
    mkdirSync(src);
    cpSync(join(FLOWS, "m365-keepalive.flow.ts"), join(src, "m365-keepalive.flow.ts"));
    symlinkSync(join(src, "nothing"), join(src, "notes.txt"));
    symlinkSync(join(src, "b"), join(src, "a"));
    symlinkSync(join(src, "a"), join(src, "b"));
    symlinkSync(src, join(src, "self"));
    const out = join(work, "out-links");
    const r = build(out, [], src);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(out)).toEqual(["m365-keepalive.flow"]);
  });
});

describe("build --check", () => {
  it("a fifo where an export should be is stale, and nothing waits for it", () => {
    const out = join(work, "check-fifo");
    expect(build(out).status).toBe(0);
    rmSync(join(out, "group-audit.folder"));
    execFileSync("mkfifo", [join(out, "group-audit.folder")]);
    const r = build(out, ["--check"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(`stale: ${join(out, "group-audit.folder")} (run flocode build)\n`);
  });
});
