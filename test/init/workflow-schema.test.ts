/**
 * The workflow `flocode init` writes is checked against the GitHub Actions workflow schema, the one editors and
 * linters use (SchemaStore's github-workflow.json). The schema comes offline from a dev dependency:
 * @action-validator/core embeds it verbatim in its WebAssembly module; the test reads it from there and
 * validates with ajv, then asks action-validator's own validator as well.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { WORKFLOW } from "../../src/init/templates.js";

const require = createRequire(import.meta.url);
const SCHEMA_ID = '"$id": "https://json.schemastore.org/github-workflow.json"';

/** The JSON text of the object around `needle` in `text`: from the `{` that opens it to its matching `}`. */
export function objectAround(text: string, needle: string): string {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`not found: ${needle}`);
  const start = text.lastIndexOf("\n{\n", at) + 1;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "{") depth++;
    else if (ch === "}" && --depth === 0) return text.slice(start, i + 1);
  }
  throw new Error("unterminated schema");
}

function workflowSchema(): Record<string, unknown> {
  const wasm = join(dirname(require.resolve("@action-validator/core")), "action_validator_bg.wasm");
  const schema = JSON.parse(objectAround(readFileSync(wasm, "latin1"), SCHEMA_ID)) as Record<string, unknown>;
  expect(schema.$id).toBe("https://json.schemastore.org/github-workflow.json");
  expect(schema.required).toEqual(["on", "jobs"]);
  return schema;
}

interface Workflow {
  on: Record<string, unknown>;
  permissions: unknown;
  jobs: Record<string, { steps: Array<{ run?: string; uses?: string; if?: string; env?: Record<string, string>; with?: unknown }> }>;
  [key: string]: unknown;
}

let compiled: ValidateFunction | undefined;
function validate(workflow: unknown): string[] {
  if (!compiled) {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    compiled = ajv.compile(workflowSchema());
  }
  return compiled(workflow) ? [] : (compiled.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`);
}

describe("the pull-request workflow flocode init writes", () => {
  const workflow = parse(WORKFLOW) as Workflow;

  it("is valid against the GitHub Actions workflow schema (ajv)", () => {
    expect(validate(workflow)).toEqual([]);
  });

  it("is valid for action-validator's own check of the same schema, which refuses a misspelled key", () => {
    const { validateWorkflow } = require("@action-validator/core") as {
      validateWorkflow(src: string): { errors: Array<{ title: string; path?: string }> };
    };
    expect(validateWorkflow(WORKFLOW).errors).toEqual([]);
    expect(validateWorkflow(WORKFLOW.replace("    runs-on: ubuntu-latest", "    run-on: ubuntu-latest")).errors.length).toBeGreaterThan(0);
  });

  it("the schema check fails a workflow with a misspelled or missing key (the check can fail)", () => {
    const misspelled = parse(WORKFLOW.replace("    runs-on: ubuntu-latest", "    run-on: ubuntu-latest")) as unknown;
    expect(validate(misspelled).length).toBeGreaterThan(0);
    const { jobs: _, ...noJobs } = workflow;
    expect(validate(noJobs)).toContain("/ must have required property 'jobs'");
  });

  it("runs on pull requests: build --check, validate, type-check, the flow tests, then the one comment", () => {
    expect(Object.keys(workflow.on)).toEqual(["pull_request"]);
    expect(workflow.permissions).toEqual({ contents: "read", "pull-requests": "write" });
    const steps = workflow.jobs.flows!.steps;
    expect(steps.map((s) => s.run ?? s.uses)).toEqual([
      "actions/checkout@v4",
      "actions/setup-node@v4",
      "if [ -f package-lock.json ]; then npm ci; else npm install; fi",
      "npx flocode build --check --format github",
      "npx flocode validate dist/* --format github",
      "npx tsc --noEmit -p .",
      "npm test",
      "npx flocode pr-comment --dist dist",
    ]);
    const comment = steps.at(-1)!;
    expect(comment.env).toEqual({ GITHUB_TOKEN: "${{ secrets.GITHUB_TOKEN }}" });
    expect(comment.if).toBe("${{ !cancelled() && steps.build.outcome == 'success' }}");
    // the base commit must be in the clone for the diff
    expect(steps[0]).toMatchObject({ with: { "fetch-depth": 0 } });
    // only GitHub's own actions: the comment is flocode's command, not a third-party action
    expect(steps.filter((s) => s.uses !== undefined).every((s) => s.uses!.startsWith("actions/"))).toBe(true);
  });
});
