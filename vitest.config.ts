import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The corpus tests and the CLI tests spawn processes; keep the pool small and the timeouts generous.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ["default", "./test/support/summary-line-reporter.ts"],
  },
});
