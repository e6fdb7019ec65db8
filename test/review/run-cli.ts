import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { main } from "../../src/cli/main.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, capturing stdout/stderr, and leaves process.exitCode as it found it. */
export async function runCli(args: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const origOut = process.stdout.write.bind(process.stdout);
  const origErr = process.stderr.write.bind(process.stderr);
  const saved = process.exitCode;
  process.exitCode = undefined;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    err.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return true;
  }) as typeof process.stderr.write;
  try {
    const code = await main(args);
    return { code, stdout: out.join(""), stderr: err.join("") };
  } finally {
    process.stdout.write = origOut;
    process.stderr.write = origErr;
    process.exitCode = saved;
  }
}

/**
 * Runs the CLI from source as a real process (node + the tsx loader). Needed for flow sources: the
 * compiler registers Node module hooks, which only work in a real Node process, not inside vitest.
 */
export function runCliProcess(args: string[]): CliRun {
  const repoRoot = resolve(import.meta.dirname, "../..");
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const result = spawnSync(process.execPath, ["--import", tsx, join(repoRoot, "src/cli/main.ts"), ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    env: { ...process.env, TZ: "UTC", LANG: "C" },
  });
  return { code: result.status ?? 2, stdout: result.stdout, stderr: result.stderr };
}
