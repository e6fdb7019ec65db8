import { describe, expect, it } from "vitest";
import {
  actionKey,
  compareVersions,
  connectorOf,
  followsGrammar,
  isConnectorCard,
  kernelAddress,
  parseAddress,
  previewItem,
} from "../../src/shapes/address.js";
import { CALLABLE_ADDRESS, EXPAND_ADDRESS } from "../../src/shapes/known-cards.js";

describe("card addresses (the one parser)", () => {
  it("reads both forms, with the prefixes the parents repeat", () => {
    expect(parseAddress("root:kernel:control:0.0.1:if")).toEqual({
      kind: "kernel",
      module: "control",
      version: "0.0.1",
      key: "if",
      moduleKey: "control:if",
      versionAddress: "root:kernel:control:0.0.1",
      channelAddress: "root:kernel:control",
    });
    expect(parseAddress("root:channels:http:okta:1.0.152:readUser")).toEqual({
      kind: "connector",
      module: "okta",
      version: "1.0.152",
      key: "readUser",
      moduleKey: "okta:readUser",
      versionAddress: "root:channels:http:okta:1.0.152",
      channelAddress: "root:channels:http:okta",
    });
  });

  it.each([
    "",
    "root",
    "root:kernel:control:if",
    "root:kernel::0.0.1:if",
    "root:kernel:control:0.0.1:",
    "root:channels:ftp:okta:1.0.0:x",
    "root:channels:http:okta:1.0.0:x:y",
    "leaf:kernel:control:0.0.1:if",
  ])("refuses %j", (address) => expect(parseAddress(address)).toBeUndefined());

  it("tells the exact grammar (M1) from a parsable address", () => {
    const grammar = (a: string) => followsGrammar(parseAddress(a)!);
    expect(grammar("root:kernel:control:0.0.1:if")).toBe(true);
    expect(grammar("root:channels:http:auth0_293c:1.0.2:getUser")).toBe(true);
    expect(grammar("root:kernel:control:0.0.2:if")).toBe(false);
    expect(grammar("root:channels:http:okta:1.0:readUser")).toBe(false);
    expect(grammar("root:channels:http:ok-ta:1.0.0:readUser")).toBe(false);
  });

  it("answers the small questions without parsing elsewhere", () => {
    expect(actionKey("root:channels:http:okta:1.0.152:readUser")).toBe("readUser");
    expect(connectorOf("root:channels:http:okta:1.0.152:readUser")).toBe("okta");
    expect(connectorOf(CALLABLE_ADDRESS)).toBeUndefined();
    expect(isConnectorCard("root:channels:http:stash:1.0.1:createRow", "stash")).toBe(true);
    expect(isConnectorCard("root:channels:http:stashed:1.0.1:createRow", "stash")).toBe(false);
    expect(kernelAddress("control", "callable")).toBe("root:kernel:control:0.0.1:callable");
  });

  it("writes a card's preview item: object expand cards have no name", () => {
    expect(previewItem(parseAddress(EXPAND_ADDRESS)!)).toEqual({ module: "object", name: "", kernel: true });
    expect(previewItem(parseAddress("root:channels:http:okta:1.0.152:readUser")!)).toEqual({
      module: "okta",
      name: "readUser",
      kernel: false,
    });
  });

  it("orders versions numerically", () => {
    expect(["1.0.58", "1.0.202", "1.0.9", "0.9.999"].sort(compareVersions)).toEqual(["0.9.999", "1.0.9", "1.0.58", "1.0.202"]);
  });
});
