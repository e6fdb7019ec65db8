import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Builds lib/ and checks FLOCODE_CORPUS before any test (test/support/global-setup.ts).
    globalSetup: ["./test/support/global-setup.ts"],
    // The corpus tests and the CLI tests spawn processes; keep the pool small and the timeouts generous.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ["default", "./test/support/summary-line-reporter.ts"],
  },
});
