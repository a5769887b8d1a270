// The charting code of the statistics page, loaded by import() only there: vega-lite compiles
// the report's chart specs (the PDF's, worker/report/charts.ts) and vega draws them as SVG,
// evaluating expressions with vega-interpreter so that the page's CSP needs no 'unsafe-eval'.
import { parse, View } from "vega";
import { expressionInterpreter } from "vega-interpreter";
import { compile } from "vega-lite";
import type { Report } from "../../../worker/protocol.ts";
import { chartSpec, hasData, type ChartName } from "../../../worker/report/charts.ts";
import type { ReportT } from "../../../worker/report/strings.ts";

export { hasData };

/** Draws the chart into `el` (replacing what was there); returns a function that frees it. */
export async function drawChart(el: HTMLElement, name: ChartName, report: Report, t: ReportT): Promise<() => void> {
  const width = Math.max(240, el.clientWidth);
  // "fit": the plot shrinks so that axes and legend stay inside the element (a phone is 360 px wide).
  const spec = { ...chartSpec(name, report, { width, height: 180, t }), autosize: { type: "fit-x", contains: "padding" } } as Parameters<typeof compile>[0];
  // vega's expressions compile with new Function, which the page's Content-Security-Policy forbids:
  // its own interpreter evaluates them instead (the parsed AST, no code generation).
  const view = new View(parse(compile(spec).spec, undefined, { ast: true }), { renderer: "svg", container: el, hover: false, expr: expressionInterpreter });
  await view.runAsync();
  return () => view.finalize();
}
