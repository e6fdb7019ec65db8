import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * Self-made fixtures, so that the rule tests run without the corpus.
 * - minimal(): test/fixtures/minimal.flopack, written by hand from the FLOPACK.md §10 skeleton and the real
 *   Schedule start card (shared/cards/schedule-start.json).
 * - rich(): minimal() plus flows that exercise every rule: a helper flow with If/Else + Join, pins with and
 *   without transforms, a connector card with a connection and an error-handler flow, a Tables card, a helper
 *   call, an If Error card with two inline flows, an Okta event flow (event card → For Each with an inline
 *   flow), and an API Endpoint flow. The card bodies follow the shape of real cards (§4.3) but are synthetic.
 */
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

export const MINIMAL_PATH = fileURLToPath(new URL("../fixtures/minimal.flopack", import.meta.url));

export function minimal(): Obj {
  return JSON.parse(readFileSync(MINIMAL_PATH, "utf8")) as Obj;
}

const TREE: Obj = {
  id: 2,
  name: "empty",
  description: "This flow has been build w/o a tree and uses the newer, async, Addressing module.",
};
const GROUP = "8d2e6f4a-1c9b-4a7e-b3d5-6e0f2a8c9d41";
const SCHEDULED = "4f1c2a9e-7b3d-4e8a-9c61-2d5e8f0a1b37";
export const IDS = {
  helper: "0b7e5c1d-3f2a-4d6b-8e9c-1a2b3c4d5e6f",
  event: "1c8f6d2e-4a3b-4e7c-9fad-2b3c4d5e6f70",
  api: "2d9a7e3f-5b4c-4f8d-a0be-3c4d5e6f7081",
  config: "3eab8f4a-6c5d-4a9e-b1cf-4d5e6f708192",
  table: "4fbc9a5b-7d6e-4baf-82d0-5e6f708192a3",
  inlineTry: "5acdab6c-8e7f-4cb0-93e1-6f708192a3b4",
  inlineCatch: "6bdebc7d-9f80-4dc1-a4f2-708192a3b4c5",
  inlineEvent: "7cefcd8e-a091-4ed2-b503-8192a3b4c5d6",
};

interface EntrySpec {
  id: string;
  key: string;
  type?: Json;
  collection?: boolean;
  data?: Json;
  group?: string | null;
  flags?: "d" | "p";
}

function entry(spec: EntrySpec, index: number, side: "inputs" | "outputs"): Obj {
  const e: Obj = {
    id: spec.id,
    group: spec.group ?? null,
    key: spec.key,
    value: { type: spec.type ?? "string", collection: spec.collection ?? false, data: spec.data === undefined ? "" : spec.data },
    ref: false,
    metadata: { index },
  };
  if (side === "inputs") {
    e.required = false;
    e.flags = spec.flags ?? "d";
  }
  return e;
}

interface CardSpec {
  uuid: string;
  address: string;
  name: string;
  inputs?: EntrySpec[];
  outputs?: EntrySpec[];
  mirrored?: boolean;
  displayed?: boolean;
  config?: string | null;
  webhookList?: boolean;
  branches?: Obj;
  joins?: Obj;
  pins?: Obj;
  policy?: Obj;
}

export function card(spec: CardSpec): Obj {
  const parts = spec.address.split(":");
  const key = parts[parts.length - 1]!;
  const version = parts[parts.length - 2]!;
  const module = parts[parts.length - 3]!;
  const channel = parts[1] === "channels";
  const versionAddress = parts.slice(0, -1).join(":");
  const channelAddress = parts.slice(0, -2).join(":");
  const side = (list: EntrySpec[] | undefined, s: "inputs" | "outputs"): Obj => {
    const data: Obj = {};
    (list ?? []).forEach((e, i) => (data[e.id] = entry(e, i, s)));
    return { extensible: false, rules: {}, data };
  };
  return {
    joins: spec.joins ?? {},
    address: spec.address,
    parents: {
      version: { address: versionAddress, key: version, data: channel ? { name: version, id: 101 } : { name: version } },
      channel: { address: channelAddress, key: module, data: channel ? { name: module, id: 7 } : { name: module } },
    },
    uuid: spec.uuid,
    branches: spec.branches ?? {},
    node: {
      key,
      data: { name: spec.name },
      model: {
        type: "method",
        _v: 2,
        key,
        executable: true,
        displayed: spec.displayed ?? true,
        async: false,
        cooperative: false,
        mirrored: spec.mirrored ?? false,
        inlined: false,
        dependencies: [],
        timeout: 30000,
        idempotent: false,
        monitor: false,
        webhook: spec.webhookList ?? false,
        webhookList: spec.webhookList ?? false,
        webhookConditions: false,
        mobile: false,
        hooks: {},
        policy: spec.policy ?? { error: { type: "finish" } },
        metadata: { id: channel ? 4242 : null, name: spec.name, description: null },
        meta: {},
        config: spec.config ?? null,
        partnerChannelKeys: channel ? 12 : null,
        inputs: side(spec.inputs, "inputs"),
        outputs: side(spec.outputs, "outputs"),
        runtime: {},
      },
    },
    pins: spec.pins ?? {},
  };
}

const K = (module: string, key: string) => `root:kernel:${module}:0.0.1:${key}`;
const OKTA = (key: string) => `root:channels:http:okta:1.0.0:${key}`;

function preview(methods: Obj[]): Json[] {
  return methods.map((m) => {
    const parts = String(m.address).split(":");
    return { module: parts[parts.length - 3]!, name: parts[parts.length - 1]!, kernel: parts[1] === "kernel" };
  });
}

function flow(
  uuid: string,
  name: string,
  methods: Obj[],
  orderings: Obj,
  extra: { isCallable: boolean; security?: string | null; isPublishable?: boolean },
): Obj {
  const display: Obj = { preview: preview(methods), isCallable: extra.isCallable };
  if (extra.isPublishable) display.isPublishable = true;
  return {
    id: uuid,
    name,
    description: `${name} (flocode test fixture)`,
    data: {
      id: null,
      uuid,
      display,
      tree: TREE,
      methods,
      model: {},
      orderings,
      cron: {},
      security_level: extra.security ?? null,
      log: true,
      inheritLog: true,
      scheduled: false,
      group: GROUP,
      templateName: null,
      connector_method_meta: { inputs: {}, outputs: {}, options: {} },
      monitor_flo: false,
    },
  };
}

function inlineFlow(uuid: string, methods: Obj[], orderings: Obj): Obj {
  return {
    id: uuid,
    uuid,
    display: {},
    tree: TREE,
    methods,
    model: {},
    orderings,
    security_level: null,
    log: false,
    inheritLog: false,
    group: null,
  };
}

/** callable → return, the smallest inline flow (used by If Error and the event wrapper). */
function callableReturn(prefix: string, name: string): Obj[] {
  return [
    card({ uuid: `${prefix}Call01`, address: K("control", "callable"), name, mirrored: true }),
    card({ uuid: `${prefix}Retn01`, address: K("control", "return"), name: "Return", mirrored: true }),
  ];
}

export function rich(): Obj {
  const doc = minimal();
  const data = doc.data as Obj;
  const flos = data.flos as Obj;

  // Helper flow: callable → If (noop heads → Assign / nothing) → Join → Okta card → Tables card → Call Flow → If Error; a comment floats.
  const helper = [
    card({
      uuid: "hCallable1",
      address: K("control", "callable"),
      name: "Helper Flow",
      mirrored: true,
      inputs: [{ id: "hCallIn01", key: "count", type: "number", data: null }],
      outputs: [{ id: "hCallOut1", key: "count", type: "number", data: null }],
      pins: {
        hCallOut1: {
          hAssign01: [{ input: "hAssignI1", transform: { hCallOut1: { convert: "toString", forceWrapArray: false, dest: "hCallOut1" } } }],
        },
      },
    }),
    card({
      uuid: "hIfCard01",
      address: K("control", "if"),
      name: "If/Else",
      inputs: [
        { id: "hIfLeft01", key: "left-operand", data: "a" },
        { id: "hIfOper01", key: "operator", data: "==" },
        { id: "hIfRight1", key: "right-operand", data: "a" },
      ],
      outputs: [{ id: "hIfResul1", key: "result", type: "boolean", data: false }],
      branches: { hNoopTru1: true, hNoopFal1: false },
    }),
    card({ uuid: "hNoopTru1", address: K("control", "noop"), name: "Noop", displayed: false }),
    card({ uuid: "hNoopFal1", address: K("control", "noop"), name: "Noop", displayed: false }),
    card({
      uuid: "hAssign01",
      address: K("control", "let"),
      name: "Assign",
      mirrored: true,
      inputs: [{ id: "hAssignI1", key: "text" }],
      outputs: [{ id: "hAssignO1", key: "text" }],
      pins: { hAssignO1: { hJoinCrd1: [{ input: "hJoinIn01", transform: null }] } },
    }),
    card({
      uuid: "hJoinCrd1",
      address: K("control", "join"),
      name: "Join",
      inputs: [{ id: "hJoinIn01", key: "text" }],
      outputs: [{ id: "hJoinOut1", key: "text" }],
      joins: { hJoinIn01: [{ output: "hJoinOut1", transform: null }] },
      pins: { hJoinOut1: { hOktaCrd1: [{ input: "hOktaIn01", transform: null }] } },
    }),
    card({
      uuid: "hOktaCrd1",
      address: OKTA("readUser"),
      name: "Read User",
      config: IDS.config,
      inputs: [{ id: "hOktaIn01", key: "id", group: "Input" }],
      outputs: [{ id: "hOktaOut1", key: "Profile", group: "Output", type: { Email: { type: "string", collection: false } }, data: {} }],
      policy: { error: { type: "flo", delay: 60000, retry: 0, retryCondition: "ratelimits", flo: SCHEDULED } },
    }),
    card({
      uuid: "hTableCd1",
      address: "root:channels:http:stash:0.7.146:searchRows2",
      name: "Search Rows",
      inputs: [{ id: "hTableIn1", key: "stash", group: "parameters", flags: "p", data: IDS.table }],
      outputs: [{ id: "hTableOu1", key: "rows", type: "object", collection: true, data: [] }],
    }),
    card({
      uuid: "hSpawnCd1",
      address: K("control", "spawn"),
      name: "Call Flow",
      inputs: [{ id: "hSpawnIn1", key: "flo", type: "flo", data: SCHEDULED }],
    }),
    card({
      uuid: "hTryCard1",
      address: K("control", "tryCatch"),
      name: "If Error",
      inputs: [
        {
          id: "hTryFlo01",
          key: "flo",
          type: "flo",
          data: inlineFlow(IDS.inlineTry, callableReturn("t", "Try"), { tEdge0001: ["tCall01", "tRetn01"] }),
        },
      ],
      policy: {
        error: {
          type: "handler",
          flo: inlineFlow(IDS.inlineCatch, callableReturn("c", "If Error"), { cEdge0001: ["cCall01", "cRetn01"] }),
          merge: "join",
        },
      },
    }),
    card({ uuid: "hComment1", address: K("control", "comment"), name: "Comment" }),
  ];
  const helperOrderings: Obj = {
    hEdge0001: ["hCallable1", "hIfCard01"],
    hEdge0002: ["hNoopTru1", "hAssign01"],
    hEdge0003: ["hAssign01", "hJoinCrd1"],
    hEdge0004: ["hNoopTru1", "hJoinCrd1"],
    hEdge0005: ["hNoopFal1", "hJoinCrd1"],
    hEdge0006: ["hJoinCrd1", "hOktaCrd1"],
    hEdge0007: ["hOktaCrd1", "hTableCd1"],
    hEdge0008: ["hTableCd1", "hSpawnCd1"],
    hEdge0009: ["hSpawnCd1", "hTryCard1"],
  };
  flos[IDS.helper] = flow(IDS.helper, "Helper with branches", helper, helperOrderings, { isCallable: true });

  // Okta event flow, stored wrapped: event card → For Each - Ignore Errors holding the body inline (§3.10).
  const eventBody = callableReturn("e", "User Created");
  const event = [
    card({
      uuid: "eEventCd1",
      address: OKTA("userCreated"),
      name: "User Created",
      config: IDS.config,
      webhookList: true,
      outputs: [{ id: "eEvtColl1", key: "collection", type: "object", collection: true, data: [] }],
      pins: { eEvtColl1: { eEachCrd1: [{ input: "eEachLst1", transform: null }] } },
    }),
    card({
      uuid: "eEachCrd1",
      address: K("list", "asyncEach"),
      name: "For Each - Ignore Errors",
      inputs: [
        { id: "eEachLst1", key: "list", type: "object", collection: true, data: null },
        { id: "eEachFlo1", key: "flo", type: "flo", data: inlineFlow(IDS.inlineEvent, eventBody, { eEdge0002: ["eCall01", "eRetn01"] }) },
        { id: "eEachCon1", key: "concurrency", type: "number", data: 1 },
      ],
    }),
  ];
  flos[IDS.event] = flow(IDS.event, "On user created", event, { eEdge0001: ["eEventCd1", "eEachCrd1"] }, { isCallable: false });

  // API Endpoint flow: security_level medium.
  const api = [card({ uuid: "aAcceptC1", address: K("http", "accept"), name: "API Endpoint", mirrored: true })];
  flos[IDS.api] = flow(IDS.api, "API endpoint", api, {}, { isCallable: false, security: "medium", isPublishable: true });

  data.configs = { [IDS.config]: { id: IDS.config, name: "Okta", module: "okta", data: null } };
  data.tables = {
    [IDS.table]: {
      id: IDS.table,
      name: "Seen users",
      description: "",
      data: { class: "simple", group_id: GROUP, structure: [{ name: "user", type: "str", default: "" }] },
    },
  };
  // Keep the exporter's key order in data (flos, configs, tables, groups).
  const groups = data.groups!;
  delete data.groups;
  data.groups = groups;
  return doc;
}
