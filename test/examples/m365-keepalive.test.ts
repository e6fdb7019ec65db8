/**
 * The example flows, tested the way a project tests its flows: `flocode/testing` and the flow file's default
 * export, connectors mocked. Run with `npx vitest run`.
 */
import { describe, expect, it } from "vitest";
import { httpMock, mock, simulate } from "flocode/testing";
import { office365admin } from "flocode/cards";
import keepalive from "../../flows/m365-keepalive.flow.js";

describe("M365 Keepalive", () => {
  it("calls Get Licenses, then GET /Me, and completes", async () => {
    const run = await simulate(keepalive, {
      mocks: [
        mock(office365admin.getLicenses, { licenses: [{ "SKU Part Number": "DEVELOPERPACK_E5", "Consumed Units": 1 }] }),
        httpMock("GET", "/Me", { status: 200, body: { displayName: "Tenant Admin" } }),
      ],
    });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe("completed");
    expect(run.calls.map((c) => c.card)).toEqual(["Get Licenses", "Custom API Action"]);
    expect(run.calls[1]!.request).toEqual({ method: "GET", url: "/Me" });
    expect(run.trace.map((t) => t.card)).toEqual(["Scheduled Flow", "Get Licenses", "Custom API Action"]);
  });

  it("fails when Microsoft Graph refuses the call (the tenant would not be kept alive)", async () => {
    const run = await simulate(keepalive, {
      mocks: [
        mock(office365admin.getLicenses, { licenses: [] }),
        httpMock("GET", "/Me", { status: 401, body: { message: "token expired" } }),
      ],
    });
    expect(run.status).toBe("failed");
    expect(run.error?.message).toBe("Unauthorized (401): token expired");
  });
});
