/**
 * liftPack: a whole flopack → the IR. Pack objects and shapes only exports have are made by hand; the shapes
 * flocode writes (If/Else with its Join, If Error with wormholes, Tables filters, event wrappers, helper flows,
 * expand cards) are made with the DSL, then lifted back.
 */
import { describe, expect, it } from "vitest";
import { kernel, okta, stash } from "../../src/cards/index.js";
import { GENERATED_INLINE_ID } from "../../src/shapes/inline-flow.js";
import { emitPack } from "../../src/compile/emit.js";
import { compose, connection, event, flow, folder, helperFlow, pack, schedule, table, where } from "../../src/index.js";
import type { IrCard, IrFlow, JsonObject } from "../../src/ir/types.js";
import { EXPAND_ADDRESS } from "../../src/shapes/known-cards.js";
import { liftPack } from "../../src/lift/lift-pack.js";
import { firstDifference, normaliseFlopack } from "../support/normalise.js";
import { allCards, builtinTemplates, cardByRef, emitDsl, entry, handCard, handFlow, handPack, liftBuiltin } from "./fixtures.js";

const noTemplates = { template: () => undefined };
const flowNamed = (flows: IrFlow[], ref: string): IrFlow => flows.find((f) => f.ref === ref)!;

describe("pack objects", () => {
  it("get refs from their names, made unique in storage order, with a fallback for an empty name", () => {
    const { pack } = liftPack(
      handPack({
        flos: [handFlow("f1", "Daily Report", {}), handFlow("f2", "Daily report!", {}), handFlow("f3", "", {})],
        groups: [
          { id: "g1", data: { name: "Ops" } },
          { id: "g2", data: {} },
        ],
        tables: [{ id: "t1", name: "Ops", data: {} }],
        configs: [
          { id: "c1", name: "Okta", module: "okta" },
          { id: "c2", name: "Okta", module: "okta" },
        ],
      }),
      noTemplates,
    );
    expect(pack.flows.map((f) => f.ref)).toEqual(["daily-report", "daily-report-2", "flow"]);
    expect(pack.folders.map((f) => f.ref)).toEqual(["ops", "folder"]);
    // Each kind of object has its own names.
    expect(pack.tables.map((t) => t.ref)).toEqual(["ops"]);
    expect(pack.connections).toEqual([
      { ref: "okta", name: "Okta", connector: "okta" },
      { ref: "okta-2", name: "Okta", connector: "okta" },
    ]);
  });

  it("folders: the parent is the last folder of data.path, null when the pack lacks it; withPath says whether a path is written", () => {
    const { pack } = liftPack(
      handPack({
        groups: [
          { id: "top", data: { name: "Top", description: "d", path: "", media_uri: "m" } },
          { id: "sub", data: { name: "Sub", path: "top" } },
          { id: "deep", data: { name: "Deep", path: "top.sub" } },
          { id: "lost", data: { name: "Lost", path: "gone" } },
          { id: "old", data: { name: "Old" } },
        ],
      }),
      noTemplates,
    );
    expect(pack.folders).toEqual([
      { ref: "top", name: "Top", description: "d", parent: null, withPath: true, mediaUri: "m" },
      { ref: "sub", name: "Sub", description: "", parent: "top", withPath: true, mediaUri: "" },
      { ref: "deep", name: "Deep", description: "", parent: "sub", withPath: true, mediaUri: "" },
      { ref: "lost", name: "Lost", description: "", parent: null, withPath: true, mediaUri: "" },
      { ref: "old", name: "Old", description: "", parent: null, withPath: false, mediaUri: "" },
    ]);
  });

  it("tables: folder link (dangling when the pack lacks the folder), columns and class", () => {
    const { pack } = liftPack(
      handPack({
        groups: [{ id: "g1", data: { name: "Ops" } }],
        tables: [
          {
            id: "t1",
            name: "Logins",
            description: "who",
            data: {
              group_id: "g1",
              class: "simple",
              structure: [
                { name: "Login", type: "str", default: null },
                { name: "Active", type: "bln", default: "false" },
              ],
            },
          },
          { id: "t2", name: "Other", data: { group_id: "g-elsewhere" } },
        ],
      }),
      noTemplates,
    );
    expect(pack.tables).toEqual([
      {
        ref: "logins",
        name: "Logins",
        description: "who",
        folder: { ref: "ops" },
        tableClass: "simple",
        columns: [
          { name: "Login", type: "str", default: null },
          { name: "Active", type: "bln", default: "false" },
        ],
      },
      { ref: "other", name: "Other", description: "", folder: { dangling: "g-elsewhere" }, tableClass: "simple", columns: [] },
    ]);
  });

  it("flows: folder, Save all data, schedule, security level, and the flow keys beyond the core ones, in order", () => {
    const cron = {
      seconds: "00",
      minutes: "0",
      hours: "9",
      dayOfTheMonth: "*",
      month: "*",
      dayOfTheWeek: "*",
      startDate: "",
      endDate: "",
      recurrence: 0,
      timeZone: "UTC",
    };
    const { pack } = liftPack(
      handPack({
        groups: [{ id: "g1", data: { name: "Ops" } }],
        flos: [
          {
            ...handFlow("f1", "Nightly", {
              group: "g1",
              cron,
              scheduled: true,
              security_level: "high",
              log: false,
              zeta: 1,
              templateName: null,
            }),
            description: "runs at night",
          },
          handFlow("f2", "Manual", { group: "g-gone", cron: {} }),
        ],
      }),
      noTemplates,
    );
    const [nightly, manual] = pack.flows;
    expect(nightly).toMatchObject({
      ref: "nightly",
      name: "Nightly",
      description: "runs at night",
      folder: { ref: "ops" },
      saveAllData: false,
      schedule: cron,
      securityLevel: "high",
    });
    expect(Object.keys(nightly!.extraKeys)).toEqual(["zeta", "templateName"]);
    expect(manual).toMatchObject({ folder: { dangling: "g-gone" }, saveAllData: true, schedule: null, securityLevel: null, extraKeys: {} });
  });

  it("keeps data.projectOverview when the export has one, and survives a pack without data", () => {
    expect(liftPack(handPack({ projectOverview: { note: 1 } }), noTemplates).pack.projectOverview).toEqual({ note: 1 });
    expect(liftPack(handPack({}), noTemplates).pack).not.toHaveProperty("projectOverview");
    expect(liftPack({ type: "flopack" }, noTemplates)).toEqual({
      pack: { folders: [], connections: [], tables: [], flows: [], externalFlows: [] },
      learned: [],
    });
  });

  it("lifts a flow stub (data: null) as a flow kept elsewhere, whose calls keep its ref", () => {
    const caller = handFlow("f1", "Caller", {
      methods: [handCard("Call00001", "Call Flow")],
      orderings: {},
    });
    const pack = liftPack(
      handPack({ flos: [caller, { id: "s1", name: "Send Slack", description: "Posts to #it", data: null }] }),
      noTemplates,
    ).pack;
    expect(pack.flows.map((f) => f.name)).toEqual(["Caller"]);
    expect(pack.externalFlows).toEqual([{ ref: expect.any(String), name: "Send Slack", description: "Posts to #it" }]);
    expect(pack.externalFlows[0]!.ref).not.toBe(pack.flows[0]!.ref);
  });
});

describe("cards and orderings of a hand-made flow", () => {
  const flowWith = (data: JsonObject) => liftPack(handPack({ flos: [handFlow("f1", "Flow", data)] }), noTemplates);

  it("cards get refs from their names, unique over the flow and its inline flows", () => {
    const inline = { id: "inl", uuid: "u", methods: [handCard("Inner0001", "Step")], orderings: {} };
    const { pack } = flowWith({
      methods: [
        handCard("Step00001", "Step"),
        handCard("Holder001", "Holder", {
          inputs: [entry({ id: "flo", key: "flo", type: "flo", data: inline, metadata: { custom: true } })],
        }),
        handCard("Step00002", "Step"),
        handCard("Noname001", ""),
      ],
    });
    const body = pack.flows[0]!.body;
    expect(allCards(body).map((c) => c.ref)).toEqual(["step", "holder", "step-2", "step-3", "card"]);
    // The inline flow's card is named before the outer card stored after it.
    expect(body.cards.map((c) => c.ref)).toEqual(["step", "holder", "step-3", "card"]);
  });

  it("orderings become pairs of refs in storage order; an unknown card dangles; malformed edges are skipped", () => {
    const { pack } = flowWith({
      methods: [handCard("AAAAAAAA1", "A"), handCard("BBBBBBBB1", "B")],
      orderings: {
        e2: ["BBBBBBBB1", "AAAAAAAA1"],
        e1: ["AAAAAAAA1", "BBBBBBBB1"],
        e3: ["AAAAAAAA1", "Gone00001"],
        bad: ["AAAAAAAA1"],
        worse: "x",
      },
    });
    expect(pack.flows[0]!.body.orderings).toEqual([
      ["b", "a"],
      ["a", "b"],
      ["a", "\u0000dangling:Gone00001"],
    ]);
  });

  it("an inline flow keeps its own keys, generated parts blanked, card uuids in display.aliases made refs", () => {
    const inline = {
      id: "some-inline-id",
      uuid: "inline-uuid",
      display: { aliases: { Inner0001: "first", Gone00001: "lost" }, other: 1 },
      methods: [handCard("Inner0001", "Inner")],
      orderings: { o: ["Inner0001", "Inner0001"] },
      log: false,
      custom: { kept: true },
    };
    const { pack } = flowWith({
      methods: [
        handCard("Holder001", "Holder", {
          inputs: [entry({ id: "flo", key: "flo", type: "flo", data: inline, metadata: { custom: true } })],
        }),
      ],
    });
    const value = pack.flows[0]!.body.cards[0]!.extraInputs[0]!.value;
    expect(value.kind).toBe("inline");
    const scope = (value as { scope: { cards: IrCard[]; orderings: unknown; inline: JsonObject } }).scope;
    expect(scope.cards.map((c) => c.ref)).toEqual(["inner"]);
    expect(scope.orderings).toEqual([["inner", "inner"]]);
    expect(scope.inline).toEqual({
      id: GENERATED_INLINE_ID,
      uuid: "",
      display: { aliases: { inner: "first", "\u0000dangling:Gone00001": "lost" }, other: 1 },
      methods: [],
      orderings: {},
      log: false,
      custom: { kept: true },
    });
    // A top-level body has no inline keys.
    expect(pack.flows[0]!.body.inline).toBeUndefined();
  });

  it("expand cards named after their source get refs from what they read, numbered in the order they were placed", () => {
    const expandCard = (uuid: string, path: string) =>
      handCard(uuid, "Source001", {
        address: EXPAND_ADDRESS,
        inputs: [
          entry({ id: `${uuid}-in`, key: "object", type: "object", metadata: { srcMethodId: "Source001", srcOutputId: "userOut" } }),
        ],
        outputs: [entry({ id: `${uuid}-out`, group: "g", key: "key", metadata: { path: [path] } })],
      });
    const { pack } = flowWith({
      methods: [
        handCard("Source001", "Source", { outputs: [entry({ id: "userOut", key: "User", type: "object" })] }),
        expandCard("Later0001", "ID"),
        expandCard("First0001", "ID"),
      ],
      // Okta orders a later expand card of a source before the earlier ones: an edge from it to each.
      orderings: { e: ["Later0001", "First0001"] },
    });
    const body = pack.flows[0]!.body;
    expect(body.cards.map((c) => [c.ref, c.nameOf])).toEqual([
      ["source", undefined],
      ["expand-user-id-2", "source"],
      ["expand-user-id", "source"],
    ]);
    expect(body.orderings).toEqual([["expand-user-id-2", "expand-user-id"]]);
  });

  it("learns each template the source lacks once, from the pack itself", () => {
    const doc = handPack({
      flos: [
        handFlow("f1", "Flow", {
          methods: [handCard("AAAAAAAA1", "A"), handCard("BBBBBBBB1", "B"), handCard("CCCCCCCC1", "C", { model: { timeout: 1 } })],
        }),
      ],
    });
    const { learned } = liftPack(doc, noTemplates);
    // A and B share a template; C's differs (its timeout is part of the template).
    expect(learned).toHaveLength(2);
    expect(learned.every((l) => l.address === "root:kernel:control:0.0.1:let")).toBe(true);
    const known = new Map(learned.map((l) => [`${l.address}#${l.variant}`, l.template]));
    expect(liftPack(doc, { template: (a, v) => known.get(`${a}#${v}`) }).learned).toEqual([]);
  });
});

describe("shapes flocode writes, lifted back", () => {
  const oktaOrg = connection("Okta", "okta");
  const reports = folder("Reports");
  const people = table("People", { folder: reports, columns: { login: "string", since: "Date" } });
  const logOne = flow({ name: "Log One", folder: reports, trigger: helperFlow({ params: { item: "string" } }) }, (f) => {
    f.add(kernel.string.base64({ string: f.trigger.$out("item") }));
  });
  const main = flow({ name: "Main Flow", folder: reports, trigger: schedule.daily({ at: "09:00", timeZone: "UTC" }) }, (f) => {
    const now = f.add(kernel.date.now({}));
    const name = f.add(kernel.string.concat({ string1: "a", string2: "b" }));
    const verdict = f.ifElse(
      { left: name.$out("output"), operator: "==", right: "ab" },
      (then) => ({ label: then.add(kernel.string.concat({ string1: "yes", string2: "" })).$out("output") }),
      (otherwise) => ({ label: otherwise.add(kernel.string.concat({ string1: "no", string2: "" })).$out("output") }),
    );
    f.ifError((attempt) => void attempt.add(kernel.string.concat({ string1: "Hi ", string2: name.$out("output") })));
    f.add(
      stash.searchRows2({
        stash: people,
        direction: "asc",
        resultSet: "all-new",
        whereExpression: where({ column: "since", op: "<", value: now.$out("date") }),
      }),
    );
    f.add(compose`label: ${verdict.$out("label")}`);
    const items = f.add(kernel.list.construct({})).$custom<string[]>("list");
    f.add(kernel.list.each({ list: items, flo: logOne, concurrency: 1, customInputs: [{ key: "item", type: "string", fromItem: "" }] }));
  });
  const onUser = flow({ name: "On User", trigger: event(okta.userCreated({ connection: oktaOrg })) }, (f) => {
    f.add(kernel.string.base64({ string: f.trigger.message }));
  });
  const doc = emitDsl(
    [main, logOne, onUser],
    pack({ name: "shapes", flows: [main, logOne, onUser], folders: [reports], tables: [people], connections: [oktaOrg] }),
  );
  const lifted = liftBuiltin(doc);
  const body = flowNamed(lifted.pack.flows, "main-flow").body;

  it("needs no template beyond the built-in catalog", () => {
    expect(lifted.learned).toEqual([]);
  });

  it("If/Else: the branch heads with their values, and the Join handing on the value both branches return", () => {
    expect(cardByRef(body, "if-else").branches).toEqual([
      { head: "noop", value: true },
      { head: "noop-2", value: false },
    ]);
    const join = cardByRef(body, "join");
    expect(join.joins).toEqual([
      { input: { group: null, key: "label" }, links: [{ output: { group: null, key: "label" }, transform: null }] },
    ]);
    expect(join.extraInputs.map((x) => x.entry.key)).toEqual(["label"]);
    expect(cardByRef(body, "concatenate-2").pins).toEqual([
      { output: { group: null, key: "output" }, target: "join", input: { group: null, key: "label" }, transform: null },
    ]);
    expect(body.orderings).toEqual(
      expect.arrayContaining([
        ["noop", "concatenate-2"],
        ["concatenate-2", "join"],
        ["noop-2", "concatenate-3"],
        ["concatenate-3", "join"],
      ]),
    );
    expect(join.pins).toEqual([
      { output: { group: null, key: "label" }, target: "compose", input: { group: null, key: "value1" }, transform: null },
    ]);
  });

  it("If Error: the attempt and the handler as inline flows, the outer value passed through a wormhole pair", () => {
    const ifError = cardByRef(body, "if-error");
    const attempt = ifError.inputValues.find((v) => v.entry.key === "flo")!.value;
    expect(attempt.kind).toBe("inline");
    expect(ifError.policy.error).toEqual({ type: "handler", flo: null, merge: "join" });
    expect(ifError.policy.flo?.kind).toBe("inline");
    const attemptCards = attempt.kind === "inline" ? attempt.scope.cards.map((c) => c.ref) : [];
    expect(attemptCards).toEqual(["helper-flow", "concatenate-4", "return"]);
    // Entrance on the If Error card, exit on the attempt's start card: each names the other.
    const [entrance] = ifError.extraInputs;
    expect(entrance!.entry.group).toBe("context");
    expect(entrance!.links).toEqual({ wormholeMethodId: { ref: "helper-flow" } });
    const start = cardByRef(body, "helper-flow");
    expect(start.extraOutputs.map((x) => [x.entry.key, x.links])).toEqual([
      [entrance!.entry.key, { wormholeMethodId: { ref: "if-error" } }],
    ]);
    // The value goes in from outside and comes out inside.
    expect(cardByRef(body, "concatenate").pins).toContainEqual({
      output: { group: null, key: "output" },
      target: "if-error",
      input: { group: "context", key: entrance!.entry.key },
      transform: null,
    });
    expect(start.pins).toEqual([
      {
        output: { group: "context", key: entrance!.entry.key },
        target: "concatenate-4",
        input: { group: null, key: "string2" },
        transform: null,
      },
    ]);
  });

  it("Tables filter: the table by ref, the filter's card ids as IrDataId links, the hidden field keyed by the output", () => {
    const search = cardByRef(body, "search-rows");
    const value = (key: string) => search.inputValues.find((v) => v.entry.key === key)!.value;
    expect(value("stash")).toEqual({ kind: "table", table: "people" });
    expect(value("Where Expression")).toEqual({
      kind: "json",
      data: { expr: [{ lhs: "since", op: "<", join: "AND", rhd: { outputId: null, methodId: null } }] },
      ids: [
        { path: ["expr", 0, "rhd", "outputId"], card: { ref: "now" }, output: { group: null, key: "date" } },
        { path: ["expr", 0, "rhd", "methodId"], card: { ref: "now" } },
      ],
    });
    const hidden = search.extraInputs.filter((x) => x.entry.group === "_expr");
    expect(hidden.map((x) => x.links)).toEqual([{ keyOf: { card: "now", entry: { group: null, key: "date" } }, method: { ref: "now" } }]);
    // All matching rows ("all-new"): no column outputs beside Rows, as in every real export.
    expect(search.extraOutputs.map((x) => [x.entry.group, x.entry.key])).toEqual([]);
  });

  it("Compose: the text as a value, each placeholder a custom entry wired from its source", () => {
    const c = cardByRef(body, "compose");
    expect(c.inputValues).toEqual([{ entry: { group: null, key: "_text_" }, value: { kind: "json", data: "label: {{{value1}}}" } }]);
    expect(c.extraInputs.map((x) => x.entry.key)).toEqual(["value1"]);
  });

  it("a helper flow given to a card is that flow, by ref", () => {
    const each = allCards(body).find((c) => c.address.endsWith(":list:0.0.1:each"))!;
    expect(each.inputValues.find((v) => v.entry.key === "flo")!.value).toEqual({ kind: "flow", flow: "log-one" });
  });

  it("an event flow: the event card, then For Each - Ignore Errors holding the body as an inline flow", () => {
    const ev = flowNamed(lifted.pack.flows, "on-user").body;
    expect(ev.cards.map((c) => [c.ref, c.address])).toEqual([
      ["user-created", expect.stringMatching(/^root:channels:http:okta:[^:]+:userCreated$/)],
      ["for-each-ignore-errors", "root:kernel:list:0.0.1:asyncEach"],
    ]);
    expect(ev.orderings).toEqual([["user-created", "for-each-ignore-errors"]]);
    expect(cardByRef(ev, "user-created").connection).toEqual({ ref: "okta" });
    const inline = cardByRef(ev, "for-each-ignore-errors").inputValues.find((v) => v.entry.key === "flo")!.value;
    expect(inline.kind === "inline" && inline.scope.cards.map((c) => c.ref)).toEqual(["user-created-2", "base64"]);
    expect(cardByRef(ev, "user-created-2").pins).toEqual([
      { output: { group: "Output", key: "Message" }, target: "base64", input: { group: null, key: "string" }, transform: null },
    ]);
  });

  it("emit gives the same flopack back (ids and storage order aside)", () => {
    const again = emitPack(lifted.pack, builtinTemplates, { created: "2026-01-01T00:00:00.000Z" });
    expect(firstDifference(normaliseFlopack(doc as never), normaliseFlopack(again as never))).toBeUndefined();
  });
});
