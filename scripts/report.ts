// `npm run report`: the end-of-night report of a data folder (scripts/report/run.ts does the work).
// This entry only turns on Node's compile cache before anything else loads: the modules of vega,
// vega-lite and pdfkit took 1.5–2 s to compile on every run, about half of that once cached (the
// cache lives in the system's temp folder; a run without it is as fast as before, no slower).
import { enableCompileCache } from "node:module";

enableCompileCache?.();
await import("./report/run.ts");
