import type { Command } from "commander";
import { UserError } from "../util/errors.js";

/** `flocode graph`: not implemented yet. */
export function registerGraph(program: Command): void {
  program
    .command("graph")
    .description("(not implemented yet)")
    .allowUnknownOption()
    .option("--json", "machine-readable output")
    .action(() => {
      throw new UserError("flocode graph is not implemented yet", 2);
    });
}
