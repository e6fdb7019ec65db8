/**
 * A flow the export calls but does not hold (a stub, `data: null`, as Okta writes it in single-flow and folder
 * exports) is shown by every review tool as a flow that lives elsewhere, never as an empty flow of the pack.
 */
import { describe, expect, it } from "vitest";
import { checklist, formatChecklist } from "../../src/review/checklist.js";
import { diffPacks } from "../../src/review/diff.js";
import { graphModel, renderMermaid } from "../../src/review/graph.js";
import { buildPackView } from "../../src/review/pack-view.js";
import { renderShow } from "../../src/review/show.js";
import { scramble } from "../support/scramble.js";
import { edited, fixture, IDS } from "./fixture.js";

/** The review fixture with its helper flow left as a stub: the main flow still calls it. */
function withStub(description = "Suspends a user"): unknown {
  return edited((d) => {
    const helper = d.data.flos[IDS.helper];
    d.data.flos[IDS.helper] = { id: helper.id, name: helper.name, description, data: null };
  });
}
const HELPER = "Suspend helper";

describe("a flow kept elsewhere (a stub)", () => {
  it("show lists it apart, with its callers, and not among the flows", () => {
    const view = buildPackView(withStub());
    expect(view.flows.map((f) => f.name)).not.toContain(HELPER);
    expect(view.externalFlows).toEqual([{ name: HELPER, description: "Suspends a user", calledBy: ["Nightly report"] }]);
    const text = renderShow(view);
    expect(text).toContain(
      [
        "flows kept elsewhere:",
        `  - name: ${HELPER}`,
        "    description: Suspends a user",
        "    called by:",
        "      - Nightly report",
        '    note: "only a stub is in this file: import this flow into the org first"',
      ].join("\n"),
    );
    expect(renderShow(buildPackView(scramble(withStub() as never, 3)))).toBe(text);
  });

  it("graph draws the call to it as a call to a flow kept elsewhere", () => {
    const model = graphModel(buildPackView(withStub()));
    const node = model.nodes.find((n) => n.lines[0] === HELPER);
    expect(node?.lines).toEqual([HELPER, "kept elsewhere (stub)"]);
    expect(model.edges.some((e) => e.to === node!.id && e.style === "call")).toBe(true);
    expect(model.clusters.map((c) => c.title)).not.toContain(HELPER);
    expect(renderMermaid(model)).toContain("kept elsewhere (stub)");
  });

  it("diff reports a flow that became a stub, a stub whose description changed, and none for a scrambled copy", () => {
    const full = buildPackView(fixture());
    const stub = buildPackView(withStub());
    const messages = diffPacks(full, stub).changes.map((c) => c.message);
    expect(messages).toContain(`flow "${HELPER}" is now kept elsewhere (only its stub is in the file)`);
    expect(diffPacks(stub, full).changes.map((c) => c.message)).toContain(
      `flow "${HELPER}" is now in the file (it was kept elsewhere, a stub)`,
    );
    expect(diffPacks(stub, buildPackView(withStub("Suspends a user, fast"))).changes.map((c) => c.message)).toEqual([
      `flow kept elsewhere "${HELPER}": description "Suspends a user" → "Suspends a user, fast"`,
    ]);
    expect(diffPacks(stub, buildPackView(scramble(withStub() as never, 9))).equal).toBe(true);
  });

  it("checklist says to import it first, and does not ask to turn it on", () => {
    const items = checklist(withStub() as never);
    expect(items[0]).toMatchObject({
      kind: "external-flow",
      text: `Import flow "${HELPER}" into the org first: this file holds only its stub (it is kept elsewhere)`,
      details: ["called by Nightly report"],
    });
    expect(items.filter((i) => i.text.includes(HELPER)).map((i) => i.kind)).toEqual(["external-flow"]);
    expect(formatChecklist(items)).toContain(` 1. [ ] Import flow "${HELPER}" into the org first`);
  });
});
