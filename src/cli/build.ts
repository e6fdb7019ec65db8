import type { Command } from "commander";
import { UserError } from "../util/errors.js";

/** `flocode build`: not implemented yet. */
export function registerBuild(program: Command): void {
  program
    .command("build")
    .description("(not implemented yet)")
    .allowUnknownOption()
    .option("--json", "machine-readable output")
    .action(() => {
      throw new UserError("flocode build is not implemented yet", 2);
    });
}
