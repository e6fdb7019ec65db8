/**
 * Shapes Okta writes that the first rules called invalid (issue 12), each on the self-made fixture: a stub of a
 * flow kept elsewhere, a Return Error card without outputs in an If Error's error flow, a flow exported twice,
 * a security level left on a flow that is no API endpoint, a wrap-only transform, a counter column.
 */
import { describe, expect, it } from "vitest";
import { validateFlopack, validateText } from "../../src/rules/index.js";
import type { Finding } from "../../src/util/finding.js";
import { card, IDS, rich } from "./fixture.js";

type Obj = Record<string, unknown>;
const errors = (fs: Finding[]) => fs.filter((f) => f.severity === "error").map((f) => `${f.pointer}: ${f.code} ${f.message}`);
const codes = (fs: Finding[]) => [...new Set(fs.map((f) => f.code))].sort();
const flos = (d: Obj) => (d.data as Obj).flos as Record<string, Obj>;
const SCHEDULED = Object.keys(flos(rich())).find((id) => (flos(rich())[id]!.data as Obj).scheduled === true)!;
const K = (module: string, key: string) => `root:kernel:${module}:0.0.1:${key}`;

/** The helper flow's If Error card and its error flow. */
function errorFlow(d: Obj): { methods: Obj[]; orderings: Obj } {
  const helper = flos(d)[IDS.helper]!.data as Obj;
  const tryCard = (helper.methods as Obj[]).find((m) => m.uuid === "hTryCard1")!;
  const model = (tryCard.node as Obj).model as Obj;
  return ((model.policy as Obj).error as Obj).flo as { methods: Obj[]; orderings: Obj };
}

function returnError(uuid: string): Obj {
  return card({
    uuid,
    address: K("control", "throw"),
    name: "Return Error",
    mirrored: true,
    inputs: [
      { id: `${uuid}i1`.slice(0, 12), key: "statusCode", type: "number", data: 0 },
      { id: `${uuid}i2`.slice(0, 12), key: "message", type: "string", data: "" },
    ],
  });
}

describe("a flow stub (a flow the export calls but does not hold)", () => {
  const withStub = (): Obj => {
    const d = rich();
    const scheduled = flos(d)[SCHEDULED]!;
    flos(d)[SCHEDULED] = { id: scheduled.id, name: scheduled.name, description: "Runs nightly", data: null };
    return d;
  };

  it("is valid, with a warning naming the flow, its callers and what to import first", () => {
    const findings = validateText(JSON.stringify(withStub()), "parent.flow");
    expect(errors(findings)).toEqual([]);
    const stub = findings.filter((f) => f.code === "FP214");
    expect(stub).toHaveLength(1);
    expect(stub[0]!.pointer).toBe(`/data/flos/${SCHEDULED}/data`);
    expect(stub[0]!.message).toBe(
      `flow ${JSON.stringify(flos(rich())[SCHEDULED]!.name)} is not in this export, only its stub (called by "Helper with branches"): import ${JSON.stringify(flos(rich())[SCHEDULED]!.name)} into the org first`,
    );
  });

  it("is exactly { id, name, description, data: null }: another key is a schema error", () => {
    const d = withStub();
    (flos(d)[SCHEDULED] as Obj).extra = 1;
    expect(codes(validateFlopack(d).filter((f) => f.severity === "error"))).toContain("FP010");
  });
});

describe("FP139: a Return Error card in an If Error's error flow", () => {
  it("may have no outputs at all there (Okta stores it so)", () => {
    const d = rich();
    const flow = errorFlow(d);
    flow.methods.push(returnError("cThrow01"));
    flow.orderings.cEdge0002 = ["cCall01", "cThrow01"];
    expect(errors(validateFlopack(d))).toEqual([]);
  });

  it("elsewhere still repeats its inputs as outputs", () => {
    const d = rich();
    const helper = flos(d)[IDS.helper]!.data as Obj;
    (helper.methods as Obj[]).push(returnError("hThrow01"));
    (helper.orderings as Obj).hEdge0010 = ["hTryCard1", "hThrow01"];
    expect(codes(validateFlopack(d).filter((f) => f.severity === "error"))).toEqual(["FP139"]);
  });
});

describe("FP114 and FP122: one export holding the same flow twice", () => {
  const copyOf = (d: Obj, id: string, copyId: string): Obj => JSON.parse(JSON.stringify(flos(d)[id]).split(id).join(copyId)) as Obj;
  const COPY = "9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f";

  it("is valid when the second is an exact copy (same name, content and edge ids; only its id differs)", () => {
    const d = rich();
    flos(d)[COPY] = copyOf(d, IDS.helper, COPY);
    expect(errors(validateFlopack(d))).toEqual([]);
  });

  it("is invalid when the namesake differs, or an edge id is reused for another edge", () => {
    const d = rich();
    const copy = copyOf(d, IDS.helper, COPY);
    (copy as { description: string }).description = "another flow";
    flos(d)[COPY] = copy;
    expect(codes(validateFlopack(d).filter((f) => f.severity === "error"))).toEqual(["FP114"]);

    const e = rich();
    const other = copyOf(e, IDS.helper, COPY);
    (other as { name: string }).name = "A renamed copy";
    const orderings = (other.data as Obj).orderings as Record<string, unknown>;
    [orderings.hEdge0002, orderings.hEdge0003] = [orderings.hEdge0003, orderings.hEdge0002]; // the same ids on other edges
    flos(e)[COPY] = other;
    expect(codes(validateFlopack(e).filter((f) => f.severity === "error"))).toEqual(["FP122"]);
  });
});

describe("FP118 and FP215: security levels", () => {
  it('a "medium" level left on a helper flow is a warning (FP215), not an error', () => {
    const d = rich();
    (flos(d)[IDS.helper]!.data as Obj).security_level = "medium";
    const findings = validateFlopack(d);
    expect(errors(findings)).toEqual([]);
    expect(findings.filter((f) => f.code === "FP215").map((f) => f.pointer)).toEqual([`/data/flos/${IDS.helper}/data/security_level`]);
  });

  it("an API Endpoint flow still needs open or medium (FP118)", () => {
    const d = rich();
    (flos(d)[IDS.api]!.data as Obj).security_level = "high";
    expect(codes(validateFlopack(d).filter((f) => f.severity === "error"))).toEqual(["FP118"]);
  });
});

describe("schema: shapes of real exports", () => {
  it("takes a transform that only wraps into a list (no convert), and a counter column (ctr)", () => {
    const d = rich();
    const helper = flos(d)[IDS.helper]!.data as Obj;
    const pinned = (helper.methods as Obj[]).find((m) => Object.keys(m.pins as Obj).length > 0)!;
    const [out, targets] = Object.entries(pinned.pins as Record<string, Record<string, Array<{ transform: unknown }>>>)[0]!;
    const wire = Object.values(targets)[0]![0]!;
    wire.transform = { [out]: { forceWrapArray: true, dest: out } };
    const table = ((d.data as Obj).tables as Record<string, { data: { structure: unknown[] } }>)[IDS.table]!;
    table.data.structure.push({ name: "Count", type: "ctr", default: "0" });
    expect(validateFlopack(d).filter((f) => f.code === "FP010")).toEqual([]);
  });
});
