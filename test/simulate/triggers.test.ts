/**
 * How flows start and answer: delegated flows (their fields and the Okta user id), API endpoints (the request's
 * body, query and headers, Return Raw, Close), helper flows given by path or as a parsed export, required
 * inputs when looseNulls is off, and the choice of flow in a pack.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { apiEndpoint, delegatedFlow, flow, helperFlow, manual, pack } from "../../src/index.js";
import { httpfunctions, kernel } from "../../src/cards/index.js";
import { simulate } from "../../src/testing/index.js";
import { runCli } from "../support/cli.js";
import { fakeLibrary } from "./fake-library.js";

describe("triggers", () => {
  it("a delegated flow starts with its fields and the Okta user id of the admin who ran it", async () => {
    const delegated = flow({ name: "Delegated", trigger: delegatedFlow({ params: { reason: "string" } }) }, (f) => {
      f.add(kernel.string.concat({ string1: f.trigger.reason, string2: f.trigger.$custom<string>("okta-user-id") }));
    });
    const run = await simulate(delegated, { input: { reason: "audit:", "okta-user-id": "00uAdmin" }, library: fakeLibrary });
    expect(run.error).toBeUndefined();
    expect(run.trigger).toBe("delegated");
    expect(run.trace[1]!.outputs).toEqual({ output: "audit:00uAdmin" });
  });

  it("an API endpoint reads the request's body, query and headers, and answers with Return Raw", async () => {
    const endpoint = flow(
      { name: "Echo", trigger: apiEndpoint({ security: "clientToken", body: { name: "string" }, query: { lang: "string" } }) },
      (f) => {
        const hello = f.add(kernel.string.concat({ string1: f.trigger.lang, string2: f.trigger.name }));
        f.add(kernel.control.returnRaw({ statusCode: 201, headers: { "X-Test": "1" }, body: hello.output }));
      },
    );
    const run = await simulate(endpoint, { input: { body: { name: "Jane" }, query: { lang: "fr:" } }, library: fakeLibrary });
    expect(run.error).toBeUndefined();
    expect(run.trace[0]!.outputs).toMatchObject({ body: '{"name":"Jane"}', query: "lang=fr%3A", name: "Jane", lang: "fr:" });
    expect(run.outputs).toEqual({ statusCode: 201, headers: { "X-Test": "1" }, body: "fr:Jane" });
  });
});

describe("Close", () => {
  it("answers an API endpoint's caller and lets the flow go on", async () => {
    const early = flow({ name: "Early answer", trigger: apiEndpoint({ security: "clientToken" }) }, (f) => {
      f.add(httpfunctions.close({ statusCode: 202 }));
      f.add(kernel.string.toLowerCase({ string: "STILL RUNNING" }));
    });
    const run = await simulate(early, { input: {}, library: fakeLibrary });
    expect(run.error).toBeUndefined();
    expect(run.outputs).toEqual({ statusCode: 202 });
    expect(run.trace.at(-1)!.outputs).toEqual({ output: "still running" });
  });
});

describe("sources", () => {
  const helper = flow({ name: "Helper", trigger: helperFlow({ params: { word: "string" } }) }, (f) => ({
    loud: f.add(kernel.string.toLowerCase({ string: f.trigger.word })).output,
  }));
  const main = flow({ name: "Main", trigger: manual() }, (f) => {
    f.add(
      kernel.control.spawn({
        flo: helper,
        customInputs: [{ key: "word", type: "string", value: "HEY" }],
        customOutputs: [{ key: "loud", type: "string" }],
      }),
    );
  });

  it("runs an export by path and as a parsed flopack, like the flow it was built from", async () => {
    const out = mkdtempSync(join(tmpdir(), "flocode-sim-"));
    expect(runCli(["build", "test/fixtures/simulate/clock.flow.ts", "--out", out, "--no-checklist"]).status).toBe(0);
    const file = join(out, "clock.flow");
    const input = { since: "2025-01-01", until: "2025-01-02" };
    const byPath = await simulate(file, { input, auto: true, library: fakeLibrary, flow: "Clock" });
    const parsed = await simulate(JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>, {
      input,
      auto: true,
      library: fakeLibrary,
      flow: "Clock",
    });
    expect(byPath.error).toBeUndefined();
    expect(byPath.trace.map((t) => t.card)).toEqual(["Helper Flow", "Wait For", "Search System Logs", "Helper Flow", "Wait For"]);
    expect(parsed.trace).toEqual(byPath.trace);
  });

  it("picks the pack's only flow no other flow calls, or the one named; a wrong name lists the flows", async () => {
    const both = pack({ flows: [main, helper] });
    expect((await simulate(both, { library: fakeLibrary })).flow).toBe("Main");
    const run = await simulate(both, { flow: "Helper", input: { word: "AB" }, library: fakeLibrary });
    expect(run.outputs).toEqual({ loud: "ab" });
    await expect(simulate(both, { flow: "Nope" })).rejects.toThrow('no flow named "Nope" (flows: "Main", "Helper")');
  });
});

describe("flags", () => {
  it("without looseNulls, a required input left empty fails the card before it runs", async () => {
    const f1 = flow({ name: "Required", trigger: helperFlow({ params: { text: "string" } }) }, (f) => {
      f.add(kernel.control.wait({ delay: f.trigger.text, unit: "second" }));
    });
    const loose = await simulate(f1, { library: fakeLibrary });
    expect(loose.status).toBe("completed");
    const strict = await simulate(f1, { library: fakeLibrary, flags: { looseNulls: false } });
    expect(strict.status).toBe("failed");
    expect(strict.error?.message).toMatch(/^Invalid input: ".*" is required$/);
  });
});
