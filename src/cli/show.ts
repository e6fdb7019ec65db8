import type { Command } from "commander";
import { RUN_HELP, runOption } from "./run-option.js";

/** `flocode show <file>`: the canonical YAML view (also a git textconv driver). */
export function registerShow(program: Command): void {
  program
    .command("show")
    .description(
      "print the canonical, id-free YAML view of an export (.flow, .folder, .flopack) or a .flow.ts (usable as a git textconv driver)",
    )
    .argument("<file>", "an export (.flow, .folder or .flopack; pretty-printed or not), or a flow source (.flow.ts) with --run")
    .option("--json", "print the same view as JSON")
    .addOption(runOption())
    .addHelpText(
      "after",
      `
Git integration (review exports as text in git diff / git log -p):
  $ printf '%s diff=flocode\\n' '*.flow' '*.folder' '*.flopack' >> .gitattributes
  $ git config diff.flocode.textconv "flocode show"
As a textconv driver, show only parses JSON: a path a repository routes to it (*.flow.ts diff=flocode) is
refused, never run.${RUN_HELP}`,
    )
    .action(async (file: string, opts: { json?: boolean; run?: boolean }) => {
      const { loadReviewInput, mergePacks } = await import("./review-input.js");
      const { buildPackView } = await import("../review/pack-view.js");
      const { renderShow, showDocument } = await import("../review/show.js");
      const { mapToJson } = await import("../review/render-json.js");
      const view = buildPackView(mergePacks(await loadReviewInput(file, { run: opts.run === true })));
      process.stdout.write(opts.json ? JSON.stringify(mapToJson(showDocument(view)), null, 2) + "\n" : renderShow(view));
      process.exitCode = 0;
    });
}
