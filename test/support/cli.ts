/**
 * The one way tests run the CLI.
 *
 * - `runCli` / `runCliAsync`: the built CLI (`node lib/cli/main.js`) as a real process, the way users and CI run it,
 *   flow-file loader hooks included. The test run builds lib/ before any test (global-setup.ts), so it is never
 *   stale; a missing entry is an error, never a skip.
 * - `runMain`: the CLI's `main(argv)` from src/, in this process, output captured: for commands that need no
 *   process of their own (everything but flow sources, whose loader hooks need a fresh Node process), at a
 *   fraction of a process's cost.
 */
import { spawn, spawnSync } from "node:child_process";
import { builtFile, REPO } from "./repo.js";

export { REPO };

export interface CliResult {
  /** The exit code; null when the process was killed (see `signal`). */
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Working folder (default: the repository root). */
  cwd?: string;
  /** Added to the environment. FLOCODE_DEBUG and SOURCE_DATE_EPOCH are unset unless given here. */
  env?: NodeJS.ProcessEnv;
  /** Written to the CLI's stdin (default: none, stdin is closed). */
  input?: string;
  /** Node options placed before the entry (e.g. `["--import", hooks]`). */
  nodeArgs?: readonly string[];
  /** Kills the process after this many ms (status null, signal SIGTERM). Default 120 s. */
  timeout?: number;
}

/** The built CLI entry, lib/cli/main.js; throws when it is missing. */
export function cliEntry(): string {
  return builtFile("cli/main.js");
}

function processArgs(args: readonly string[], options: CliOptions): { argv: string[]; env: NodeJS.ProcessEnv; cwd: string } {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // A developer's shell must not change what the tests see: stack traces on, another build date.
  delete env.FLOCODE_DEBUG;
  delete env.SOURCE_DATE_EPOCH;
  return { argv: [...(options.nodeArgs ?? []), cliEntry(), ...args], env: { ...env, ...options.env }, cwd: options.cwd ?? REPO };
}

/** Runs `flocode <args>` (the built CLI) as a process and waits for it. */
export function runCli(args: readonly string[], options: CliOptions = {}): CliResult {
  const { argv, env, cwd } = processArgs(args, options);
  const r = spawnSync(process.execPath, argv, {
    cwd,
    env,
    encoding: "utf8",
    input: options.input ?? "",
    timeout: options.timeout ?? 120_000,
    maxBuffer: 1 << 28,
  });
  if (r.error && r.status === null && r.signal === null) throw r.error; // could not start at all
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** `runCli` without blocking: for processes that must run side by side. */
export function runCliAsync(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const { argv, env, cwd } = processArgs(args, options);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { cwd, env, timeout: options.timeout ?? 120_000 });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => err.push(d));
    child.on("error", reject);
    child.on("close", (status, signal) =>
      resolve({ status, signal, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }),
    );
    child.stdin.end(options.input ?? "");
  });
}

export interface MainResult {
  /** main's exit code, or "threw" when main itself threw (the message and stack are then in `stderr`). */
  status: number | "threw";
  stdout: string;
  stderr: string;
}

/** Runs the CLI's `main(argv)` from src/ in this process, stdout and stderr captured; process.exitCode is left as it was. */
export async function runMain(args: readonly string[]): Promise<MainResult> {
  const out: string[] = [];
  const err: string[] = [];
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  const savedExitCode = process.exitCode;
  const capture = (into: string[]) =>
    ((chunk: string | Uint8Array) => {
      into.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      return true;
    }) as typeof process.stdout.write;
  process.exitCode = undefined;
  process.stdout.write = capture(out);
  process.stderr.write = capture(err);
  let status: number | "threw";
  try {
    const { main } = await import("../../src/cli/main.js");
    status = await main([...args]);
  } catch (error) {
    status = "threw";
    err.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
    process.exitCode = savedExitCode;
  }
  return { status, stdout: out.join(""), stderr: err.join("") };
}
