import { Option } from "commander";

/**
 * `--run`, the one way a review command (show, diff, graph, checklist) compiles a flow source: compiling runs the
 * file's code, which reading must never do behind the user's back (git textconv, a reviewer's `flocode show`).
 */
export function runOption(): Option {
  return new Option("--run", "compile .flow.ts inputs, which runs their code: only for files you trust (never in a git textconv driver)");
}

export const RUN_HELP = `
Flow sources (.flow.ts) are TypeScript: reading one means running it. Without --run they are refused (exit 2);
.flopack files are only ever parsed as JSON.`;
