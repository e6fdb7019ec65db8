/**
 * An error inside flocode (a bug) is reported as one: "internal error", a plea to report it, the way to get its
 * stack (FLOCODE_DEBUG=1), and exit code 3, never the user's mistake (1) or a usage error (2).
 */
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { REPO, runCli, runMain } from "../support/cli.js";

const FILE = join(REPO, "test/fixtures/minimal.flopack");

describe("an internal error", () => {
  afterEach(() => {
    vi.doUnmock("../../src/rules/validate.js");
    vi.resetModules();
    delete process.env.FLOCODE_DEBUG;
  });

  const crashValidation = () => {
    vi.resetModules();
    vi.doMock("../../src/rules/validate.js", async (importOriginal) => ({
      ...(await importOriginal<object>()),
      validateText: () => {
        throw new TypeError("x is not iterable");
      },
    }));
  };

  it("is reported as a bug in flocode, exit 3, without a stack", async () => {
    crashValidation();
    const r = await runMain(["validate", FILE]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain("flocode: internal error: TypeError: x is not iterable\n");
    expect(r.stderr).toContain("this is a bug in flocode, not a mistake of yours: please report it");
    expect(r.stderr).toContain("FLOCODE_DEBUG=1");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("prints its stack with FLOCODE_DEBUG=1", async () => {
    crashValidation();
    process.env.FLOCODE_DEBUG = "1";
    const r = await runMain(["validate", FILE]);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/TypeError: x is not iterable\n\s+at /);
  });

  it("has its exit code documented in --help", () => {
    const r = runCli(["--help"]);
    expect(r.stdout).toMatch(/3 internal error \(a bug in flocode/);
  });
});
