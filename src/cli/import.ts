import type { Command } from "commander";
import { UserError } from "../util/errors.js";

/** `flocode import`: not implemented yet. */
export function registerImport(program: Command): void {
  program
    .command("import")
    .description("(not implemented yet)")
    .allowUnknownOption()
    .option("--json", "machine-readable output")
    .action(() => {
      throw new UserError("flocode import is not implemented yet", 2);
    });
}
