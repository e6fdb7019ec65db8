import type { Command } from "commander";
import { UserError } from "../util/errors.js";

/** `flocode validate`: not implemented yet. */
export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description("(not implemented yet)")
    .allowUnknownOption()
    .option("--json", "machine-readable output")
    .action(() => {
      throw new UserError("flocode validate is not implemented yet", 2);
    });
}
