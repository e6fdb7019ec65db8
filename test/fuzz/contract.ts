/**
 * Judges a run of the CLI (in-process `runMain` or a process, test/support/cli.ts) the way a user would see it: an
 * exit code of the contract (0/1/2), no stack trace, no "internal error" (an unexpected exception main caught for
 * us: a crash in disguise).
 */
import type { MainResult } from "../support/cli.js";

const STACK_LINE = /^\s+at .+(:\d+:\d+\)?|\(native\)|\(<anonymous>\))$/m;

/** What is wrong with a run, or undefined when it kept the CLI contract. */
export function contractBreach(r: MainResult): string | undefined {
  if (r.status === "threw") return `main threw: ${r.stderr.split("\n")[0]}`;
  if (r.status !== 0 && r.status !== 1 && r.status !== 2) return `exit code ${r.status}`;
  const all = r.stdout + r.stderr;
  if (STACK_LINE.test(all)) return `stack trace printed: ${firstMatch(all)}`;
  const internal = /flocode: internal error: .*/.exec(r.stderr);
  if (internal) return internal[0];
  if (r.status !== 0 && r.stderr.trim() === "" && r.stdout.trim() === "") return `exit ${r.status} without a word`;
  return undefined;
}

function firstMatch(s: string): string {
  const lines = s.split("\n");
  const i = lines.findIndex((l) => STACK_LINE.test(l));
  return lines.slice(Math.max(0, i - 1), i + 1).join(" | ");
}
