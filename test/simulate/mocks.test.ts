/**
 * Connector cards mocked three ways (by card, at the HTTP boundary, automatically), the calls recorded, and the
 * two mistakes a test makes most: a card left without a mock, and a mock of the wrong shape. Each gives one
 * clear message naming the card, its flow and what to write.
 */
import { describe, expect, it } from "vitest";
import { connection, flow, helperFlow, manual } from "../../src/index.js";
import { kernel, office365admin, okta } from "../../src/cards/index.js";
import { fail, httpMock, mock, simulate } from "../../src/testing/index.js";
import { fakeLibrary } from "./fake-library.js";

const m365 = connection("Office 365 Admin", "office365admin");
const oktaOrg = connection("Okta", "okta");

const keepalive = flow({ name: "Keepalive", trigger: manual() }, (f) => {
  const licenses = f.add(office365admin.getLicenses({ connection: m365 }));
  const me = f.add(office365admin.customApiAction({ connection: m365, requestType: "GET", relativeUrl: "/Me" }));
  f.add(kernel.json.stringify({ object: licenses.licenses as never }));
  f.add(kernel.string.toLowerCase({ string: me.statusCode }));
});

describe("mocks by card", () => {
  it("answers every card of the factory's type, with its property names for inputs and outputs", async () => {
    const seen: unknown[] = [];
    const run = await simulate(keepalive, {
      library: fakeLibrary,
      mocks: [
        mock(office365admin.getLicenses, { licenses: [{ "SKU Part Number": "AAD_PREMIUM" }] }),
        mock(office365admin.customApiAction, (inputs) => {
          seen.push(inputs.relativeUrl, inputs.requestType);
          return { statusCode: 204, body: {} };
        }),
      ],
    });
    expect(run.error).toBeUndefined();
    expect(seen).toEqual(["/Me", "GET"]);
    expect(run.calls.map((c) => [c.card, c.mock, c.outputs])).toEqual([
      ["Get Licenses", "card", { Licenses: [{ "SKU Part Number": "AAD_PREMIUM" }] }],
      ["Custom API Action", "card", { "Status Code": 204, Body: {} }],
    ]);
    expect(run.trace.at(-1)!.inputs).toEqual({ text: "204" });
  });

  it("can be named by text: connector.action (any case), module:key, or an address of any version", async () => {
    for (const name of [
      "office365admin.getLicenses",
      "office365admin:getlicenses",
      "root:channels:http:office365admin:9.9.9:getLicenses",
    ]) {
      const run = await simulate(keepalive, { library: fakeLibrary, mocks: [mock(name, { Licenses: [] }), httpMock("GET", "/Me", {})] });
      expect(run.error, name).toBeUndefined();
    }
  });
});

describe("mocks at the HTTP boundary", () => {
  it("answer a Custom API Action's request by method and URL; the request and response are recorded", async () => {
    const run = await simulate(keepalive, {
      library: fakeLibrary,
      mocks: [
        mock(office365admin.getLicenses, { licenses: [] }),
        httpMock("GET", "/Me", { status: 200, headers: { "x-id": "1" }, body: { displayName: "Admin" } }),
      ],
    });
    expect(run.error).toBeUndefined();
    expect(run.calls[1]).toMatchObject({
      mock: "http",
      request: { method: "GET", url: "/Me" },
      response: { status: 200, headers: { "x-id": "1" }, body: { displayName: "Admin" } },
      outputs: { "Status Code": 200, Headers: { "x-id": "1" }, Body: { displayName: "Admin" } },
    });
  });

  it("a status of 400 or more fails the card as Okta's HTTP errors do", async () => {
    const run = await simulate(keepalive, {
      library: fakeLibrary,
      mocks: [
        mock(office365admin.getLicenses, { licenses: [] }),
        httpMock("*", /^\/Me/, () => ({ status: 403, body: { message: "Forbidden scope" } })),
      ],
    });
    expect(run.status).toBe("failed");
    expect(run.error?.okta).toMatchObject({ message: "Forbidden (403): Forbidden scope", code: 403, method: "custom-api-action" });
  });
});

describe("automatic mocks", () => {
  it("shape every output from the card's types and schemas, the same on every run", async () => {
    const run = await simulate(keepalive, { library: fakeLibrary, auto: true });
    expect(run.error).toBeUndefined();
    const licenses = run.calls[0]!.outputs.Licenses as Array<Record<string, unknown>>;
    expect(licenses).toHaveLength(1);
    expect(licenses[0]).toMatchObject({ "SKU Part Number": "<SKU Part Number>", "Consumed Units": 1, "Service Plans": [{}] });
    expect(run.calls[1]).toMatchObject({ mock: "auto", request: { method: "GET", url: "/Me" }, outputs: { "Status Code": 200 } });
  });
});

describe("mistakes in mocks", () => {
  it("an unmocked connector card stops the run, naming the card, its flow and the mock to write", async () => {
    const run = await simulate(keepalive, { library: fakeLibrary, mocks: [mock(office365admin.getLicenses, { licenses: [] })] });
    expect(run.status).toBe("incomplete");
    expect(run.error).toMatchObject({
      kind: "not-mocked",
      card: "Custom API Action",
      flow: "Keepalive",
      type: "office365admin:customAPIAction",
    });
    expect(run.error?.message).toBe(
      'card "Custom API Action" (office365admin:customAPIAction) in flow "Keepalive" has no mock: mock it in a test with ' +
        "mock(office365admin.customApiAction, (inputs) => ({ statusCode: ... })), " +
        'in a --mocks file with { "cards": { "office365admin.customApiAction": { "Status Code": ... } } }, ' +
        'with an HTTP mock of GET "/Me" (httpMock(...), or "http" in a --mocks file), or with automatic mocks (auto: true, --auto-mocks)',
    );
  });

  it("a mock giving an output the card does not have is a clear error listing the card's outputs", async () => {
    const run = await simulate(keepalive, { library: fakeLibrary, mocks: [mock(office365admin.getLicenses, { license: [] })] });
    expect(run.error).toMatchObject({ kind: "bad-mock", card: "Get Licenses", flow: "Keepalive", type: "office365admin:getLicenses" });
    expect(run.error?.message).toBe(
      'the mock of office365admin.getLicenses (card "Get Licenses" in flow "Keepalive"): the card has no output "license" (its outputs: "Licenses")',
    );
  });

  it("a mock giving a value of the wrong type is a clear error saying what the output takes", async () => {
    const notList = await simulate(keepalive, {
      library: fakeLibrary,
      mocks: [mock(office365admin.getLicenses, { licenses: { Name: "E5" } as never })],
    });
    expect(notList.error?.message).toBe(
      'the mock of office365admin.getLicenses (card "Get Licenses" in flow "Keepalive"): output "Licenses" must be a list of objects, got an object',
    );
    const user = flow({ name: "User", trigger: manual() }, (f) => {
      f.add(okta.readUser({ connection: oktaOrg, idOrLogin: "jane" }));
    });
    const wrong = await simulate(user, { library: fakeLibrary, mocks: [mock(okta.readUser, { id: 42 as never })] });
    expect(wrong.error?.message).toBe(
      'the mock of okta.readUser (card "Read User" in flow "User"): output "ID" must be text, got number 42',
    );
  });

  it("a mock function that throws stops the run naming the mock; fail() fails the card instead", async () => {
    const threw = await simulate(keepalive, {
      library: fakeLibrary,
      mocks: [
        mock(office365admin.getLicenses, () => {
          throw new Error("oops");
        }),
      ],
    });
    expect(threw.error).toMatchObject({
      kind: "bad-mock",
      message: 'the mock of office365admin.getLicenses (card "Get Licenses" in flow "Keepalive") threw: oops',
    });
    const failed = await simulate(keepalive, {
      library: fakeLibrary,
      mocks: [mock(office365admin.getLicenses, () => fail("Service unavailable", 503))],
    });
    expect(failed.error).toMatchObject({ kind: "failed", okta: { code: 503, message: "Service unavailable" } });
  });
});

describe("streaming cards", () => {
  it("stream the mocked records to their helper flow, one run per record", async () => {
    const perUser = flow({ name: "Per User", trigger: helperFlow({ params: { Record: "object", State: "object" } }) }, (f) => {
      f.add(kernel.json.stringify({ object: f.trigger.Record }));
    });
    const lister = flow({ name: "Lister", trigger: manual() }, (f) => {
      f.add(okta.listUsersWithSearch({ connection: oktaOrg, resultSet: "Stream Matching Records", flow: perUser, limit: 10 }));
    });
    const run = await simulate(lister, {
      library: fakeLibrary,
      mocks: [mock(okta.listUsersWithSearch, { $records: [{ id: "1" }, { id: "2" }] })],
    });
    expect(run.error).toBeUndefined();
    expect(run.trace.filter((t) => t.type === "json:stringify").map((t) => [t.path, t.outputs.output])).toEqual([
      [["List Users with Search #1"], '{"id":"1"}'],
      [["List Users with Search #2"], '{"id":"2"}'],
    ]);
    expect(run.trace.find((t) => t.card === "List Users with Search")!.outputs).toEqual({ "Records Streamed": 2 });
  });
});
