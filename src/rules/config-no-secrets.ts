import type { Rule } from "./types.js";
import { ptr } from "./model.js";

export const configNoSecrets: Rule = {
  code: "FP105",
  slug: "config-no-secrets",
  severity: "error",
  description: "A connection's `data` is null: exports strip credentials, and a flopack must never carry secrets (D3).",
  check({ index }, report) {
    for (const [key, cfg] of index.configs) {
      if (Object.hasOwn(cfg, "data") && cfg.data !== null) {
        report(
          ptr("/data/configs", key, "data"),
          "connection data must be null: a flopack never carries credentials (assign the connection after import)",
        );
      }
    }
  },
};
