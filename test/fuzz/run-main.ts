/**
 * Runs the CLI's `main(argv)` in-process with stdout and stderr captured, and judges the outcome the way a user
 * would see it: an exit code of the contract (0/1/2), no stack trace, no "internal error" (an unexpected exception
 * main caught for us: a crash in disguise).
 */
import { main } from "../../src/cli/main.js";

export interface MainResult {
  code: number | "threw";
  stdout: string;
  stderr: string;
}

export async function runMain(argv: string[]): Promise<MainResult> {
  const out: string[] = [];
  const err: string[] = [];
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  const capture = (into: string[]) =>
    ((chunk: string | Uint8Array) => {
      into.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      return true;
    }) as typeof process.stdout.write;
  process.exitCode = undefined;
  process.stdout.write = capture(out);
  process.stderr.write = capture(err);
  let code: number | "threw";
  try {
    code = await main(argv);
  } catch (error) {
    code = "threw";
    err.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
    process.exitCode = undefined;
  }
  return { code, stdout: out.join(""), stderr: err.join("") };
}

const STACK_LINE = /^\s+at .+(:\d+:\d+\)?|\(native\)|\(<anonymous>\))$/m;

/** What is wrong with a run, or undefined when it kept the CLI contract. */
export function contractBreach(r: MainResult): string | undefined {
  if (r.code === "threw") return `main threw: ${r.stderr.split("\n")[0]}`;
  if (r.code !== 0 && r.code !== 1 && r.code !== 2) return `exit code ${r.code}`;
  const all = r.stdout + r.stderr;
  if (STACK_LINE.test(all)) return `stack trace printed: ${firstMatch(all)}`;
  const internal = /flocode: internal error: .*/.exec(r.stderr);
  if (internal) return internal[0];
  if (r.code !== 0 && r.stderr.trim() === "" && r.stdout.trim() === "") return `exit ${r.code} without a word`;
  return undefined;
}

function firstMatch(s: string): string {
  const lines = s.split("\n");
  const i = lines.findIndex((l) => STACK_LINE.test(l));
  return lines.slice(Math.max(0, i - 1), i + 1).join(" | ");
}
