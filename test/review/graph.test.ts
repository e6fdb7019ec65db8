import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { graphModel, mermaidText, renderDot, renderMermaid } from "../../src/review/graph.js";
import { renderSvg } from "../../src/review/graph-svg.js";
import { buildPackView } from "../../src/review/pack-view.js";
import { corpus, readCorpusJson } from "../support/corpus.js";
import { scramble } from "../support/scramble.js";
import { edited, fixture, IDS, method } from "./fixture.js";

const EVIL = `Evil "]) --> x[<img src=x onerror=alert(1)>] | \`code\` & #35; end`;

function evilFixture(): unknown {
  return edited((d) => {
    const m = method(d, IDS.main, "okta00001");
    m.node.data.name = m.node.model.metadata.name = EVIL;
    d.data.flos[IDS.main].name = `Flow "with" [brackets]`;
  });
}

/** Every text node of an SVG document, entities decoded. */
function svgTexts(svg: string): string[] {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object")
      for (const [k, v] of Object.entries(node)) {
        if (k === "#text") texts.push(String(v));
        else walk(v);
      }
  };
  walk(new XMLParser({ preserveOrder: true, ignoreAttributes: true, processEntities: true, htmlEntities: true }).parse(svg));
  return texts;
}

describe("graph model", () => {
  const model = graphModel(buildPackView(fixture()));
  const label = (id: string) => [...model.clusters.flatMap((c) => c.nodes), ...model.nodes].find((n) => n.id === id)?.lines[0];
  const edges = model.edges.map((e) => `${label(e.from)} ${e.style}${e.label ? `(${e.label})` : ""} ${label(e.to)}`);

  it("draws the trigger, the cards in order, If/Else branches into the join", () => {
    expect(edges).toEqual(
      expect.arrayContaining([
        "Scheduled Flow control Read User",
        "Read User control Compose",
        "Compose control If/Else",
        "If/Else control(then) Assign",
        "If/Else control(else) Assign #2",
        "Assign control Join",
        "Assign #2 control Join",
        "Join control Call Flow",
        "Call Flow control Create Row",
      ]),
    );
  });

  it("draws helper-flow calls to the helper's trigger and data wires dashed", () => {
    expect(edges).toContain("Call Flow call(calls) Helper Flow");
    expect(edges).toContain("Read User data(Profile.Department) Call Flow");
    expect(edges).toContain("Join data(flag) Create Row");
    expect(graphModel(buildPackView(fixture()), { wires: false }).edges.some((e) => e.style === "data")).toBe(false);
  });

  it("draws one flow with --flow, the helper as a separate node", () => {
    const one = graphModel(buildPackView(fixture()), { flow: "Nightly report" });
    expect(one.clusters.map((c) => c.title)).toEqual(["Nightly report"]);
    expect(one.nodes.map((n) => n.lines)).toEqual([["Suspend helper", "helper flow"]]);
  });

  it("does not depend on ids or storage order", () => {
    expect(renderMermaid(graphModel(buildPackView(scramble(fixture(), 4))))).toBe(renderMermaid(model));
  });
});

describe("Mermaid output", () => {
  it("escapes untrusted names: no quote, bracket, pipe, angle bracket or backtick survives inside a label", () => {
    const text = renderMermaid(graphModel(buildPackView(evilFixture())));
    for (const line of text.split("\n").slice(1)) {
      for (const m of line.matchAll(/"([^"]*)"/g)) {
        const inner = m[1]!.replace(/<br\/>/g, "");
        expect(inner, line).not.toMatch(/["[\]{}|<>`&]/);
      }
      // outside labels only ids, shapes and arrows
      expect(line.replace(/"[^"]*"/g, "")).toMatch(
        /^\s*(subgraph \w+\[\]|direction TB|end|\w+(\(\[|\[\[|\(\(|\[|\{|>)(\]\)|\]\]|\)\)|\]|\})|\w+ (-->|-\.->|==>)(\|\|)? \w+)?\s*$/,
      );
    }
    expect(text).toContain(mermaidText(EVIL));
    expect(mermaidText(`a"b`)).toBe("a#34;b");
  });
});

describe("SVG output (Graphviz WASM)", () => {
  it("is well-formed XML and contains every card name, hostile ones included", async () => {
    const view = buildPackView(evilFixture());
    const svg = await renderSvg(renderDot(graphModel(view)));
    expect(XMLValidator.validate(svg)).toBe(true);
    const texts = svgTexts(svg);
    for (const flow of view.flows)
      for (const card of flow.cards) if (card.comment === null) expect(texts, card.label).toContain(card.label);
    expect(texts).toContain(EVIL);
  });
});

const c = corpus();
describe.skipIf(!c)("graph over the corpus", () => {
  it("renders well-formed SVG naming every card (every 6th export, to keep the suite fast)", async () => {
    for (const file of c!.files.filter((_, i) => i % 6 === 0)) {
      const view = buildPackView(readCorpusJson(file));
      const svg = await renderSvg(renderDot(graphModel(view)));
      expect(XMLValidator.validate(svg), file).toBe(true);
      const texts = new Set(svgTexts(svg));
      for (const flow of view.flows)
        for (const card of flow.cards)
          if (card.comment === null && card.label.length < 80)
            expect(texts.has(card.label.replace(/\s+/g, " ").trim()), `${file}: ${card.label}`).toBe(true);
    }
  });
});
