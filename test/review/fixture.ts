/**
 * A small but structurally faithful flopack for the review tests (FLOPACK §3–§6): a scheduled flow with a
 * connector card, a Compose template, an If/Else + Join, a helper-flow call with a hidden object:expand
 * field path, a Tables card, and a helper flow with an If Error block fed through wormholes.
 * Card bodies carry only the fields the review tools read.
 */
type Obj = Record<string, unknown>;

export interface EntrySpec {
  id: string;
  key: string;
  type?: unknown;
  data?: unknown;
  group?: string | null;
  flags?: "d" | "p";
  index?: number;
  meta?: Obj;
  collection?: boolean;
}

function entries(specs: EntrySpec[], side: "inputs" | "outputs"): Obj {
  const out: Obj = {};
  specs.forEach((s, i) => {
    out[s.id] = {
      id: s.id,
      group: s.group ?? (s.flags === "p" ? "parameters" : null),
      key: s.key,
      value: { type: s.type ?? "string", collection: s.collection ?? false, data: s.data ?? null },
      ref: false,
      metadata: { index: s.index ?? i, ...(s.meta ?? {}) },
      ...(side === "inputs" ? { required: false, flags: s.flags ?? "d" } : {}),
    };
  });
  return out;
}

export interface CardSpec {
  uuid: string;
  address: string;
  name: string;
  inputs?: EntrySpec[];
  outputs?: EntrySpec[];
  pins?: Obj;
  branches?: Obj;
  joins?: Obj;
  config?: string | null;
  policy?: Obj;
  comments?: unknown;
  displayed?: boolean;
}

export function card(s: CardSpec): Obj {
  const parts = s.address.split(":");
  const key = parts[parts.length - 1]!;
  const version = parts[parts.length - 2]!;
  const channel = parts[parts.length - 3]!;
  const versionAddress = parts.slice(0, -1).join(":");
  const channelAddress = parts.slice(0, -2).join(":");
  const kernel = parts[1] === "kernel";
  return {
    joins: s.joins ?? {},
    address: s.address,
    parents: {
      version: { address: versionAddress, key: version, data: { name: version } },
      channel: { address: channelAddress, key: channel, data: { name: channel } },
    },
    uuid: s.uuid,
    branches: s.branches ?? {},
    node: {
      key,
      data: { name: s.name },
      model: {
        type: "method",
        _v: 2,
        key,
        executable: true,
        displayed: s.displayed ?? true,
        async: false,
        cooperative: false,
        mirrored: false,
        inlined: false,
        dependencies: [],
        timeout: 90000,
        idempotent: false,
        monitor: false,
        webhook: false,
        webhookList: false,
        webhookConditions: false,
        mobile: false,
        hooks: {},
        policy: { error: s.policy ?? { type: "finish" } },
        metadata: { id: kernel ? null : 1, name: s.name, description: null },
        meta: {},
        config: s.config ?? null,
        partnerChannelKeys: kernel ? null : 1,
        inputs: { extensible: false, data: entries(s.inputs ?? [], "inputs") },
        outputs: { extensible: false, data: entries(s.outputs ?? [], "outputs") },
        runtime: {},
        ...(s.comments !== undefined ? { comments: s.comments } : {}),
      },
    },
    pins: s.pins ?? {},
  };
}

const K = (module: string, key: string) => `root:kernel:${module}:0.0.1:${key}`;
const C = (connector: string, version: string, key: string) => `root:channels:http:${connector}:${version}:${key}`;

export const IDS = {
  main: "11111111-1111-4111-8111-111111111111",
  helper: "22222222-2222-4222-8222-222222222222",
  folder: "33333333-3333-4333-8333-333333333333",
  config: "44444444-4444-4444-8444-444444444444",
  table: "55555555-5555-4555-8555-555555555555",
  sub: "66666666-6666-4666-8666-666666666666",
  inlineTry: "77777777-7777-4777-8777-777777777777",
  inlineCatch: "88888888-8888-4888-8888-888888888888",
};

export function fixture(): Obj {
  const mainMethods = [
    card({
      uuid: "root00001",
      address: K("control", "callable"),
      name: "Scheduled Flow",
      outputs: [{ id: "o_time0001", key: "execution_time", group: "context" }],
    }),
    card({
      uuid: "okta00001",
      address: C("okta", "1.0.501", "readUser"),
      name: "Read User",
      config: IDS.config,
      inputs: [
        { id: "i_fields01", key: "fields", flags: "p", data: "basic" },
        { id: "i_user0001", key: "ID or Login", data: "admin@example.com" },
      ],
      outputs: [
        { id: "o_login001", key: "login" },
        { id: "o_prof0001", key: "Profile", type: { Department: { type: "string", collection: false } } },
      ],
      pins: {
        o_login001: { comp00001: [{ input: "i_tok00001", transform: null }], call00001: [{ input: "i_carg0001", transform: null }] },
        o_prof0001: { expd00001: [{ input: "i_expin001", transform: null }] },
      },
    }),
    card({
      uuid: "comp00001",
      address: K("string", "compose"),
      name: "Compose",
      inputs: [
        { id: "i_text0001", key: "_text_", data: "Hello {{{tok9Xa2b}}}!" },
        { id: "i_tok00001", key: "tok9Xa2b", data: "" },
      ],
      outputs: [{ id: "o_out00001", key: "output" }],
      pins: { o_out00001: { ifif00001: [{ input: "i_left0001", transform: null }] } },
    }),
    card({
      uuid: "ifif00001",
      address: K("control", "if"),
      name: "If/Else",
      branches: { noopT0001: true, noopF0001: false },
      inputs: [
        { id: "i_left0001", key: "left-operand" },
        { id: "i_oper0001", key: "operator", data: "==" },
        { id: "i_rght0001", key: "right-operand", data: "Hello admin!" },
      ],
      outputs: [{ id: "o_res00001", key: "result", type: "boolean" }],
    }),
    card({ uuid: "noopT0001", address: K("control", "noop"), name: "Noop", displayed: false }),
    card({ uuid: "noopF0001", address: K("control", "noop"), name: "Noop", displayed: false }),
    card({
      uuid: "letT00001",
      address: K("control", "let"),
      name: "Assign",
      inputs: [{ id: "i_lett0001", key: "flag", type: "boolean", data: true, meta: { custom: true } }],
      outputs: [{ id: "o_lett0001", key: "flag", type: "boolean" }],
      pins: { o_lett0001: { join00001: [{ input: "i_join0001", transform: null }] } },
    }),
    card({
      uuid: "letF00001",
      address: K("control", "let"),
      name: "Assign",
      inputs: [{ id: "i_letf0001", key: "flag", type: "boolean", data: false, meta: { custom: true } }],
      outputs: [{ id: "o_letf0001", key: "flag", type: "boolean" }],
      pins: { o_letf0001: { join00001: [{ input: "i_join0001", transform: null }] } },
    }),
    card({
      uuid: "join00001",
      address: K("control", "join"),
      name: "Join",
      inputs: [{ id: "i_join0001", key: "flag", type: "boolean", data: false }],
      outputs: [{ id: "o_join0001", key: "flag", type: "boolean" }],
      joins: { i_join0001: [{ output: "o_join0001", transform: null }] },
      pins: {
        o_join0001: {
          tbl000001: [
            { input: "i_tflag001", transform: { o_join0001: { convert: "booleanToString", forceWrapArray: false, dest: "o_join0001" } } },
          ],
        },
      },
    }),
    card({
      uuid: "expd00001",
      address: K("object", "expand"),
      name: "okta00001",
      displayed: false,
      inputs: [{ id: "i_expin001", key: "object", type: "object", meta: { srcMethodId: "okta00001", srcOutputId: "o_prof0001" } }],
      outputs: [
        {
          id: "o_expv0001",
          key: "value",
          group: "grpX12345",
          meta: { path: ["Department"], srcMethodId: "okta00001", srcOutputId: "o_prof0001" },
        },
      ],
      pins: { o_expv0001: { call00001: [{ input: "i_carg0002", transform: null }] } },
    }),
    card({
      uuid: "call00001",
      address: K("control", "spawn"),
      name: "Call Flow",
      inputs: [
        { id: "i_flo00001", key: "flo", type: "flo", data: IDS.helper },
        { id: "i_carg0001", key: "login", meta: { custom: true } },
        { id: "i_carg0002", key: "department", meta: { custom: true } },
      ],
    }),
    card({
      uuid: "tbl000001",
      address: C("stash", "0.7.146", "createRow"),
      name: "Create Row",
      inputs: [
        { id: "i_stash001", key: "stash", flags: "p", data: IDS.table },
        { id: "i_tflag001", key: "flag" },
      ],
      policy: { type: "finish", retry: 2, delay: 60000 },
    }),
    card({
      uuid: "note00001",
      address: K("control", "comment"),
      name: "Comment",
      comments: { title: "Read me", markdown: "Turn the flow on." },
    }),
  ];
  const chain = ["root00001", "okta00001", "comp00001", "ifif00001"];
  const orderings: Obj = {};
  let n = 0;
  const edge = (a: string, b: string) => {
    orderings[`edge${String(++n).padStart(5, "0")}`] = [a, b];
  };
  for (let i = 0; i + 1 < chain.length; i++) edge(chain[i]!, chain[i + 1]!);
  edge("noopT0001", "letT00001");
  edge("noopF0001", "letF00001");
  for (const u of ["noopT0001", "letT00001", "noopF0001", "letF00001"]) edge(u, "join00001");
  edge("join00001", "call00001");
  edge("call00001", "tbl000001");
  edge("okta00001", "expd00001");
  edge("expd00001", "call00001");
  edge("expd00001", "expd00001");

  const helperMethods = [
    card({
      uuid: "hroot0001",
      address: K("control", "callable"),
      name: "Helper Flow",
      inputs: [
        { id: "h_in_lgn01", key: "login", meta: { custom: true } },
        { id: "h_in_dep01", key: "department", meta: { custom: true } },
      ],
      outputs: [
        { id: "h_o_lgn001", key: "login" },
        { id: "h_o_dep001", key: "department" },
      ],
      pins: { h_o_lgn001: { tryc00001: [{ input: "h_worm0001", transform: null }] } },
    }),
    card({
      uuid: "tryc00001",
      address: K("control", "tryCatch"),
      name: "If Error",
      inputs: [
        {
          id: "h_flo00001",
          key: "flo",
          type: "flo",
          data: inlineFlow(
            IDS.inlineTry,
            [
              card({
                uuid: "troot0001",
                address: K("control", "callable"),
                name: "Helper Flow",
                outputs: [
                  { id: "t_worm0001", key: "wormKey01", group: "context", meta: { forceHide: true, wormholeMethodId: "tryc00001" } },
                ],
                pins: { t_worm0001: { tsus00001: [{ input: "t_in_id001", transform: null }] } },
              }),
              card({
                uuid: "tsus00001",
                address: C("okta", "1.0.501", "suspendUser"),
                name: "Suspend User",
                config: IDS.config,
                inputs: [{ id: "t_in_id001", key: "ID" }],
              }),
              card({ uuid: "tret00001", address: K("control", "return"), name: "Return" }),
            ],
            { e1: ["troot0001", "tsus00001"], e2: ["tsus00001", "tret00001"] },
          ),
        },
        { id: "h_worm0001", key: "wormKey01", group: "context", meta: { forceHide: true, wormholeMethodId: "troot0001" } },
      ],
      policy: {
        type: "handler",
        merge: "join",
        flo: inlineFlow(
          IDS.inlineCatch,
          [
            card({
              uuid: "croot0001",
              address: K("control", "callable"),
              name: "Helper Flow",
              outputs: [{ id: "c_err00001", key: "error", group: "context" }],
              pins: { c_err00001: { clog00001: [{ input: "c_in_msg01", transform: null }] } },
            }),
            card({
              uuid: "clog00001",
              address: K("string", "concat"),
              name: "Concatenate",
              inputs: [
                { id: "c_in_msg01", key: "string1" },
                { id: "c_in_msg02", key: "string2", data: " failed" },
              ],
            }),
          ],
          { e3: ["croot0001", "clog00001"] },
        ),
      },
    }),
  ];

  return {
    type: "flopack",
    version: "1.5.0",
    created: "2026-01-01T00:00:00.000Z",
    flags: { "auto-transform": true, looseBooleans: true, looseStrings: true, looseNulls: true },
    data: {
      flos: {
        [IDS.main]: flow(IDS.main, "Nightly report", "Reads a user and stores a row", mainMethods, orderings, {
          cron: {
            seconds: "00",
            minutes: "0",
            hours: "9",
            dayOfTheMonth: "*/1",
            month: "*",
            dayOfTheWeek: "*",
            startDate: "",
            endDate: "",
            recurrence: 0,
            timeZone: "America/Los_Angeles",
          },
          scheduled: true,
        }),
        [IDS.helper]: flow(IDS.helper, "Suspend helper", "", helperMethods, { h1: ["hroot0001", "tryc00001"] }, {}),
      },
      configs: { [IDS.config]: { id: IDS.config, name: "Okta", module: "okta", data: null } },
      tables: {
        [IDS.table]: {
          id: IDS.table,
          name: "Report",
          description: "",
          data: { class: "simple", group_id: IDS.folder, structure: [{ name: "flag", type: "str", default: "" }] },
        },
      },
      groups: {
        [IDS.folder]: { id: IDS.folder, data: { name: "Reports", description: "", media_uri: "", path: "" } },
        [IDS.sub]: { id: IDS.sub, data: { name: "Archive", description: "", media_uri: "", path: IDS.folder } },
      },
    },
  };
}

const TREE = { id: 2, name: "empty", description: "This flow has been build w/o a tree and uses the newer, async, Addressing module." };

function preview(methods: Obj[]): Obj[] {
  return methods.map((m) => {
    const parts = String(m.address).split(":");
    return { module: parts[parts.length - 3], name: parts[parts.length - 1], kernel: parts[1] === "kernel" };
  });
}

function inlineFlow(uuid: string, methods: Obj[], orderings: Obj): Obj {
  return {
    id: null,
    uuid,
    display: { preview: preview(methods), isCallable: true },
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

function flow(uuid: string, name: string, description: string, methods: Obj[], orderings: Obj, extra: Obj): Obj {
  return {
    id: uuid,
    name,
    description,
    data: {
      id: null,
      uuid,
      display: { preview: preview(methods), isCallable: true },
      tree: TREE,
      methods,
      model: {},
      orderings,
      cron: extra.cron ?? {},
      security_level: null,
      log: true,
      inheritLog: true,
      scheduled: extra.scheduled ?? false,
      group: IDS.folder,
      templateName: null,
      connector_method_meta: { inputs: {}, outputs: {}, options: {} },
      monitor_flo: false,
    },
  };
}

/** Deep copy + edit: tests change one thing in a fresh fixture. */
export function edited(edit: (doc: any) => void, base: Obj = fixture()): Obj {
  const copy = JSON.parse(JSON.stringify(base));
  edit(copy);
  return copy;
}

/** The method with this uuid in a flow (top level only). */
export function method(doc: any, flowId: string, uuid: string): any {
  return doc.data.flos[flowId].data.methods.find((m: any) => m.uuid === uuid);
}
