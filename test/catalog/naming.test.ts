import { describe, expect, it } from "vitest";
import { camelCase, factoryName, isBindingName, moduleBinding, propertyName, uniqueNames } from "../../src/catalog/naming.js";

describe("names in generated code", () => {
  it.each([
    ["Relative URL", "relativeUrl"],
    ["requestType", "requestType"],
    ["customAPIAction", "customApiAction"],
    ["hTTPRequest", "httpRequest"],
    ["_text_", "text"],
    ["left-operand", "leftOperand"],
    ["SKU Id", "skuId"],
    ["Address Line 1", "addressLine1"],
    ["ID or Email", "idOrEmail"],
    ["Are All Sessions Revoked?", "areAllSessionsRevoked"],
    ["名前", "名前"],
  ])("camelCase(%j) = %j", (key, expected) => {
    expect(camelCase(key)).toBe(expected);
  });

  it("property names are valid identifiers or fall back deterministically", () => {
    expect(propertyName("1st")).toBe("_1St");
    expect(propertyName("")).toBe("field");
    expect(propertyName("***")).toBe("field");
  });

  it("factory names drop connector-builder suffixes unless that collides", () => {
    expect(factoryName("searchDevices_MgiZyuVso", true)).toBe("searchDevices");
    expect(factoryName("searchDevices_MgiZyuVso", false)).toBe("searchDevicesMgiZyuVso");
    const actions = ["deleteUser", "deleteUser_5OXBSvnvar", "listAll_abcdefg"];
    expect(uniqueNames(actions, (a) => factoryName(a, true), (a) => factoryName(a, false))).toEqual([
      "deleteUser",
      "deleteUser5OxbSvnvar",
      "listAll",
    ]);
  });

  it("uniqueNames: group prefix first, then counters; reserved names avoided", () => {
    const fields = [
      { group: "User", key: "id" },
      { group: "Group", key: "id" },
      { group: null, key: "name" },
      { group: null, key: "Name!" },
    ];
    const names = uniqueNames(
      fields,
      (f) => propertyName(f.key),
      (f) => (f.group === null ? undefined : propertyName(`${f.group} ${f.key}`)),
      new Set(["name"]),
    );
    expect(names).toEqual(["userId", "groupId", "name2", "name3"]);
  });

  it("module bindings are usable as exported consts", () => {
    expect(moduleBinding("office365admin")).toBe("office365admin");
    expect(moduleBinding("auth0_293ca73ef2a04fe48eaa3bb7876df2e6")).toBe("auth0_293ca73ef2a04fe48eaa3bb7876df2e6");
    expect(moduleBinding("delete")).toBe("delete_");
    expect(moduleBinding("3com")).toBe("_3com");
    expect(isBindingName(moduleBinding("class"))).toBe(true);
  });
});
