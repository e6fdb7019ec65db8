import type { Command } from "commander";
import { UserError } from "../util/errors.js";

/** `flocode catalog`: not implemented yet. */
export function registerCatalog(program: Command): void {
  program
    .command("catalog")
    .description("(not implemented yet)")
    .allowUnknownOption()
    .option("--json", "machine-readable output")
    .action(() => {
      throw new UserError("flocode catalog is not implemented yet", 2);
    });
}
