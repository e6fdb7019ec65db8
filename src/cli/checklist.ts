import type { Command } from "commander";
import { UserError } from "../util/errors.js";

/** `flocode checklist`: not implemented yet. */
export function registerChecklist(program: Command): void {
  program
    .command("checklist")
    .description("(not implemented yet)")
    .allowUnknownOption()
    .option("--json", "machine-readable output")
    .action(() => {
      throw new UserError("flocode checklist is not implemented yet", 2);
    });
}
