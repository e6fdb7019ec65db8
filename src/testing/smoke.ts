/**
 * Smoke runs over many exports: every flow of every file run from its trigger with automatic mocks, tallied by
 * how it ended (completed, stopped by Continue If, failed, or incomplete with the reason: the cards not simulated
 * yet). `npm run simulate-report` prints it; the corpus test checks that every run ends in one of these ways.
 */
import { simulatePack, type SimulationResult } from "../simulate/simulate.js";
import type { Catalog } from "../catalog/store.js";
import { loadSource } from "./load.js";

export interface SmokeRun {
  file: string;
  flow: string;
  result: SimulationResult;
}

export interface SmokeTally {
  files: number;
  flows: number;
  /** Files the flopack reader refused (their message), never run. */
  unreadable: Array<{ file: string; message: string }>;
  byStatus: Record<SimulationResult["status"], number>;
  /** Incomplete runs by reason: card type for cards not simulated yet, else the stop's kind. */
  incomplete: Map<string, number>;
  runs: SmokeRun[];
}

/** Card runs a smoke run may take: a loop over automatic one-item lists never needs more. */
const SMOKE_MAX_CARDS = 20_000;

export async function smokeRuns(files: readonly string[], options: { catalog?: Catalog } = {}): Promise<SmokeTally> {
  const tally: SmokeTally = {
    files: files.length,
    flows: 0,
    unreadable: [],
    byStatus: { completed: 0, stopped: 0, failed: 0, incomplete: 0 },
    incomplete: new Map(),
    runs: [],
  };
  for (const file of files) {
    let input;
    try {
      input = await loadSource(file, options);
    } catch (error) {
      tally.unreadable.push({ file, message: error instanceof Error ? error.message : String(error) });
      continue;
    }
    for (const flow of input.pack.flows) {
      tally.flows++;
      const result = simulatePack(input, { flow: flow.ref, mocks: { auto: true }, maxCards: SMOKE_MAX_CARDS });
      tally.byStatus[result.status]++;
      if (result.status === "incomplete") {
        const reason = result.error?.kind === "not-simulated" ? `not simulated: ${result.error.type}` : `${result.error?.kind}`;
        tally.incomplete.set(reason, (tally.incomplete.get(reason) ?? 0) + 1);
      }
      tally.runs.push({ file, flow: flow.name, result });
    }
  }
  return tally;
}

export function formatTally(t: SmokeTally): string {
  const pct = (n: number): string => `${((100 * n) / Math.max(1, t.flows)).toFixed(1)}%`;
  const lines = [
    `${t.flows} flows in ${t.files - t.unreadable.length} files (${t.unreadable.length} files unreadable), automatic mocks:`,
    `  completed  ${t.byStatus.completed} (${pct(t.byStatus.completed)})`,
    `  stopped    ${t.byStatus.stopped} (${pct(t.byStatus.stopped)}) by a Continue If`,
    `  failed     ${t.byStatus.failed} (${pct(t.byStatus.failed)}) a card failed as Okta's would (automatic values, empty tables)`,
    `  incomplete ${t.byStatus.incomplete} (${pct(t.byStatus.incomplete)}):`,
    ...[...t.incomplete]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([reason, n]) => `    ${String(n).padStart(4)}  ${reason}`),
  ];
  for (const u of t.unreadable) lines.push(`  unreadable: ${u.message}`);
  return lines.join("\n") + "\n";
}
