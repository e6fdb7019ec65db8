import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixture } from "./fixture.js";
import { runMain } from "../support/cli.js";

/**
 * A credential in a connection is visible in review: show, diff and checklist flag any non-null `configs[].data`
 * and never print it; diff exits 1 on it (even when both files carry the same value).
 */
const dir = mkdtempSync(join(tmpdir(), "flocode-connection-data-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SECRET = "ghp_S3cr3tT0kenValue";

function write(name: string, doc: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

const clean = write("clean.flopack", fixture());
const withToken = (() => {
  const doc = fixture() as { data: { configs: Record<string, { data: unknown }> } };
  const configs = Object.values(doc.data.configs);
  expect(configs.length).toBeGreaterThan(0);
  configs[0]!.data = { token: SECRET, nested: [SECRET] };
  return write("token.flopack", doc);
})();
const withOtherToken = (() => {
  const doc = fixture() as { data: { configs: Record<string, { data: unknown }> } };
  Object.values(doc.data.configs)[0]!.data = "another-secret";
  return write("other.flopack", doc);
})();

describe("non-null connection data in review", () => {
  it("diff against a copy that carries a token exits 1 and says so, both ways", async () => {
    const added = await runMain(["diff", clean, withToken]);
    expect(added.status).toBe(1);
    expect(added.stdout).toMatch(/^~ connection ".*" \(.*\): data added \(hidden\): a flopack must never carry credentials$/m);
    const removed = await runMain(["diff", withToken, clean]);
    expect(removed.status).toBe(1);
    expect(removed.stdout).toMatch(/: data removed \(hidden\)$/m);
    expect((await runMain(["diff", withToken, withOtherToken])).stdout).toMatch(/: data changed \(hidden\)/);
  });

  it("diff of two files carrying the same token still exits 1", async () => {
    const r = await runMain(["diff", withToken, withToken]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/carries data in both files \(hidden\)/);
  });

  it("show marks the connection; checklist puts its removal first", async () => {
    const show = await runMain(["show", withToken]);
    expect(show.status).toBe(0);
    expect(show.stdout).toContain(
      '    data: "NOT NULL (hidden here): a flopack must never carry credentials; remove it before committing"\n',
    );
    const clear = await runMain(["show", clean]);
    expect(clear.stdout).not.toContain("NOT NULL");
    const list = await runMain(["checklist", withToken]);
    expect(list.stdout.split("\n")[1]).toMatch(/^ 1\. \[ \] Remove the data of the .* connection ".*" from this flopack/);
  });

  it("no review output ever prints the value", async () => {
    const runs = [
      ["show", withToken],
      ["show", withToken, "--json"],
      ["diff", clean, withToken],
      ["diff", clean, withToken, "--json"],
      ["diff", clean, withToken, "--format", "markdown"],
      ["checklist", withToken],
      ["checklist", withToken, "--json"],
      ["graph", withToken],
      ["graph", withToken, "--format", "dot"],
      ["graph", withToken, "--json"],
    ];
    for (const argv of runs) {
      const r = await runMain(argv);
      expect(r.status, argv.join(" ")).not.toBe("threw");
      expect(r.stdout + r.stderr, argv.join(" ")).not.toContain(SECRET);
      expect(r.stdout + r.stderr, argv.join(" ")).not.toContain("S3cr3t");
    }
  });
});
