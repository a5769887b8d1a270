// A chart spec as SVG text in Node: vega-lite compiles it, vega renders it headless (no canvas,
// no browser). Fonts are measured by vega's estimate; svg-to-pdfkit draws the result as vectors.
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

export async function chartSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
