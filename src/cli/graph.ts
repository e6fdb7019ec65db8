import { Option, type Command } from "commander";
import { UserError } from "../util/errors.js";
import { RUN_HELP, runOption } from "./run-option.js";

/** Mermaid's default maxTextSize, which GitHub keeps. */
const MERMAID_MAX_TEXT = 50_000;

/** `flocode graph <file>`: the flow as a picture (Mermaid text, Graphviz DOT, or SVG rendered offline). */
export function registerGraph(program: Command): void {
  program
    .command("graph")
    .description("draw the flows of an export or .flow.ts: trigger, cards in order, branches, helper calls, data wires (dashed)")
    .argument("<file>", "an export (.flow, .folder or .flopack), or a flow source (.flow.ts) with --run")
    .addOption(new Option("--format <format>", "output format").choices(["mermaid", "svg", "dot"]).default("mermaid"))
    .option("--flow <name>", "draw only the flow with this name")
    .option("--no-wires", "leave out the data wires")
    .option("--json", "print the graph model (nodes and edges) as JSON")
    .addOption(runOption())
    .addHelpText(
      "after",
      `
Examples:
  $ flocode graph dist/m365-keepalive.flow > keepalive.mmd      # paste into a \`\`\`mermaid block on GitHub
  $ flocode graph dist/m365-keepalive.flow --format svg > keepalive.svg
  $ flocode graph flows/m365-keepalive.flow.ts --run${RUN_HELP}`,
    )
    .action(
      async (file: string, opts: { format: "mermaid" | "svg" | "dot"; flow?: string; wires: boolean; json?: boolean; run?: boolean }) => {
        const { loadReviewInput, mergePacks } = await import("./review-input.js");
        const { buildPackView } = await import("../review/pack-view.js");
        const { graphModel, renderDot, renderMermaid } = await import("../review/graph.js");
        const view = buildPackView(mergePacks(await loadReviewInput(file, { run: opts.run === true })));
        if (opts.flow !== undefined && !view.flows.some((f) => f.name === opts.flow)) {
          const names = view.flows.map((f) => JSON.stringify(f.name)).join(", ");
          throw new UserError(`${file}: no flow named ${JSON.stringify(opts.flow)} (flows: ${names})`, 2);
        }
        const model = graphModel(view, { ...(opts.flow !== undefined ? { flow: opts.flow } : {}), wires: opts.wires });
        if (opts.json) process.stdout.write(JSON.stringify(model, null, 2) + "\n");
        else if (opts.format === "mermaid") {
          const text = renderMermaid(model);
          process.stdout.write(text);
          if (text.length > MERMAID_MAX_TEXT)
            process.stderr.write(
              `flocode: note: this diagram is ${text.length} characters; GitHub renders Mermaid up to ${MERMAID_MAX_TEXT}: use --flow <name> or --no-wires\n`,
            );
        } else if (opts.format === "dot") process.stdout.write(renderDot(model));
        else {
          const { renderSvg } = await import("../review/graph-svg.js");
          process.stdout.write(await renderSvg(renderDot(model)));
        }
        process.exitCode = 0;
      },
    );
}
