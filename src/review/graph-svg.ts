/** DOT → SVG offline, with Graphviz compiled to WebAssembly (@viz-js/viz). Loaded only when asked for. */
export async function renderSvg(dot: string): Promise<string> {
  const { instance } = await import("@viz-js/viz");
  const viz = await instance();
  const result = viz.render(dot, { format: "svg", engine: "dot" });
  if (result.status !== "success") {
    const messages = result.errors.map((e) => e.message.trim()).join("; ");
    throw new Error(`Graphviz could not render the graph: ${messages}`);
  }
  return result.output;
}
