/**
 * Outputs follow the option that picks the variant: Okta's List Users with Filter has `Users` with "First 200
 * Matching Records" (a variant of another version) and `Raw Output`/`ID`/`Status` with "First Matching Record".
 * The type half is checked by tsc (the typecheck test compiles this file); the build half wires the output a
 * typed read names.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import { kernel, okta } from "../../src/cards/index.js";
import { Catalog } from "../../src/catalog/store.js";
import { emitPack } from "../../src/compile/emit.js";
import { lower } from "../../src/compile/lower.js";
import { forEachCard } from "../../src/catalog/walk.js";
import type { JsonObject } from "../../src/ir/types.js";
import { entries } from "../support/card-compare.js";
import type { CardSpec } from "../../src/dsl/types.js";
import { connection, flow, helperFlow, manual } from "../../src/index.js";

type OutputsOf<S> = S extends CardSpec<infer O> ? O : never;
const org = connection("Okta", "okta");

describe("outputs typed per option value", () => {
  it("a factory returns the outputs of the variant its option value picks (tsc)", () => {
    const first200 = okta.listUsersWithFilter({ connection: org, resultSet: "First 200 Matching Records" });
    expectTypeOf<OutputsOf<typeof first200>>().toHaveProperty("users");
    expectTypeOf<OutputsOf<typeof first200>>().not.toHaveProperty("id");
    const first = okta.listUsersWithFilter({ connection: org, resultSet: "First Matching Record" });
    expectTypeOf<OutputsOf<typeof first>>().toHaveProperty("id");
    expectTypeOf<OutputsOf<typeof first>>().not.toHaveProperty("users");
    const logs = okta.searchSystemLogs({ connection: org, resultSet: "First 200 Matching Records" });
    expectTypeOf<OutputsOf<typeof logs>>().toHaveProperty("systemLogs");
    // The value picks the variant the card is written on: the First 200 one is another version's.
    expect([first200.address, first.address, logs.address].map((a) => a.split(":")[4])).toEqual(["1.0.572", "1.0.592", "1.0.626"]);
  });

  it("a typed read of such an output builds, wired to the output of that variant", () => {
    const main = flow({ name: "Main", trigger: manual() }, (f) => {
      const users = f.add(okta.listUsersWithFilter({ connection: org, resultSet: "First 200 Matching Records" }));
      f.add(kernel.list.length({ list: users.users }));
    });
    const ir = lower({ flows: [main, flow({ name: "Helper", trigger: helperFlow() })], defaultFolder: "t" }, Catalog.builtin());
    const doc = emitPack(ir, { template: (a, v) => Catalog.builtin().get(a, v)?.template }, { created: "2026-01-01T00:00:00.000Z" });
    const cards: JsonObject[] = [];
    forEachCard(doc, ({ card }) => void cards.push(card));
    const list = cards.find((c) => String(c.address).endsWith(":listUsersWithFilter"))!;
    const usersId = entries(list, "outputs").find((e) => e.key === "Users")!.id as string;
    // Declared on the List Users card, and referenced by the wire to Length's list.
    expect(JSON.stringify(doc).split(usersId).length - 1).toBeGreaterThan(1);
  });

  it("refuses an option value no export shows where each value gives other outputs: a tsc error and a build error", () => {
    // Okta's docs: "First Matching Record" returns one user (no Streaming section, no Users list); no export shows it.
    const build = () => {
      // @ts-expect-error the value is not offered: flocode has no template for it
      const spec = okta.listUsersWithSearch({ connection: org, resultSet: "First Matching Record" });
      lower({ flows: [flow({ name: "Main", trigger: manual() }, (f) => void f.add(spec))], defaultFolder: "t" }, Catalog.builtin());
    };
    expect(build).toThrow(
      /option-outputs\.test\.ts:\d+:\d+: .*property "resultSet" is "First Matching Record", which no export shows this card with: .*exports show "First 200 Matching Records", "Stream Matching Records"/,
    );
    // A value whose outputs exports do not disagree on keeps the default's shape (a Custom API Action's PUT).
    expect(() => okta.httpRequest({ connection: org, requestType: "PUT", relativeUrl: "/x" })).not.toThrow();
  });
});
