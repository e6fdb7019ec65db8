import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const REPO = fileURLToPath(new URL("../..", import.meta.url));

/**
 * A file of the build the test run made (lib/, built by global-setup.ts before any test). Throws when it is
 * missing: a test of the built code never skips for want of a build.
 */
export function builtFile(path: string): string {
  const file = join(REPO, "lib", path);
  if (!existsSync(file))
    throw new Error(
      `lib/${path} is missing: the test run builds lib/ first (test/support/global-setup.ts); run \`npm run build\` to see why it is not there`,
    );
  return file;
}
