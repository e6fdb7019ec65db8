import type { Command } from "commander";
import { RUN_HELP, runOption } from "./run-option.js";

/** `flocode checklist <file>`: what to do in Okta after importing (connections, tables, turning flows on). */
export function registerChecklist(program: Command): void {
  program
    .command("checklist")
    .description(
      "print what to do in Okta after importing an export (flows to import first, connections, folders, tables, flows to turn on)",
    )
    .argument("<file>", "an export (.flow, .folder or .flopack) or a flow source (.flow.ts)")
    .option("--json", "machine-readable output: {items: [...]}")
    .addOption(runOption())
    .addHelpText("after", RUN_HELP)
    .action(async (file: string, opts: { json?: boolean; run?: boolean }) => {
      const { loadReviewInput, mergePacks } = await import("./review-input.js");
      const { buildPackView } = await import("../review/pack-view.js");
      const { checklistFromView, checklistJson, formatChecklist } = await import("../review/checklist.js");
      const items = checklistFromView(buildPackView(mergePacks(await loadReviewInput(file, { run: opts.run === true }))));
      process.stdout.write(opts.json ? checklistJson(items) : formatChecklist(items));
      process.exitCode = 0;
    });
}
