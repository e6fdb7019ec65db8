/** The one CLI runner (cli.ts): what it returns, and that a missing build is an error, never a skip. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliEntry, REPO, runCli, runCliAsync, runMain } from "./cli.js";
import { builtFile } from "./repo.js";

const version = (JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { version: string }).version;

describe("the CLI runner", () => {
  it("runs the built CLI as a process: status, signal, stdout, stderr", async () => {
    expect(cliEntry()).toBe(join(REPO, "lib/cli/main.js"));
    expect(runCli(["--version"])).toEqual({ status: 0, signal: null, stdout: `${version}\n`, stderr: "" });
    expect(await runCliAsync(["--version"])).toEqual({ status: 0, signal: null, stdout: `${version}\n`, stderr: "" });
    const usage = runCli(["no-such-command"]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain("no-such-command");
  });

  it("passes node options and stdin, and kills a process that outlives its timeout", () => {
    const echoStdin = 'data:text/javascript,import{readFileSync}from"node:fs";process.stdout.write(readFileSync(0,"utf8"))';
    expect(runCli(["--version"], { nodeArgs: ["--import", echoStdin], input: "from stdin " }).stdout).toBe(`from stdin ${version}\n`);
    expect(runCli(["--version"], { nodeArgs: ["--import", echoStdin] }).stdout).toBe(`${version}\n`);
    expect(runCli(["--version"], { timeout: 1 })).toMatchObject({ status: null, signal: "SIGTERM" });
  });

  it("runs main in-process, output captured, process.exitCode left as it was", async () => {
    process.exitCode = undefined;
    expect(await runMain(["--version"])).toEqual({ status: 0, stdout: `${version}\n`, stderr: "" });
    expect((await runMain(["no-such-command"])).status).toBe(2);
    expect(process.exitCode).toBeUndefined();
  });

  it("fails loudly, naming the file, when the build lacks it", () => {
    expect(() => builtFile("cli/no-such-entry.js")).toThrow(/lib\/cli\/no-such-entry\.js is missing/);
  });
});
