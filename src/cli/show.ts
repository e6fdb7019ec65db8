import type { Command } from "commander";
import { UserError } from "../util/errors.js";

/** `flocode show`: not implemented yet. */
export function registerShow(program: Command): void {
  program
    .command("show")
    .description("(not implemented yet)")
    .allowUnknownOption()
    .option("--json", "machine-readable output")
    .action(() => {
      throw new UserError("flocode show is not implemented yet", 2);
    });
}
