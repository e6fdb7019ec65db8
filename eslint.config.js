// Lint: ESLint's and typescript-eslint's recommended rules (syntax-only, so `npm run lint` stays fast).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "lib/",
      "dist/",
      "coverage/",
      "node_modules/",
      "bench/.out/",
      "src/cards/**",
      "src/shapes/choices.ts",
      "schemas/",
      "catalog/",
      "tmp-*/",
      "**/.flocode-tmp-*",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: "module" },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      // Sanitisers match control characters on purpose.
      "no-control-regex": "off",
    },
  },
  {
    files: ["scripts/**/*.mjs", "*.js"],
    languageOptions: { globals: { URL: "readonly", process: "readonly", console: "readonly" } },
  },
  {
    // Tests and benches poke at parsed JSON of any shape.
    files: ["test/**", "bench/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off", "@typescript-eslint/no-non-null-assertion": "off" },
  },
);
