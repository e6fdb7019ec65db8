import type { Command } from "commander";
import { UserError } from "../util/errors.js";

/** `flocode diff`: not implemented yet. */
export function registerDiff(program: Command): void {
  program
    .command("diff")
    .description("(not implemented yet)")
    .allowUnknownOption()
    .option("--json", "machine-readable output")
    .action(() => {
      throw new UserError("flocode diff is not implemented yet", 2);
    });
}
