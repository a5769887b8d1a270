// `npm run report`: the end-of-night report of a data folder (scripts/report/run.ts does the work).
// This entry only sets up how Node loads the modules, before anything else loads:
// - Node's compile cache: the modules of vega, vega-lite and pdfkit took 1.5–2 s to compile on
//   every run, about half of that once cached (the cache lives in the system's temp folder; a run
//   without it is as fast as before, no slower).
// - drizzle-orm from its CommonJS build: its ES module build is some 450 files, and Node 22's ES
//   module loader looks each one's format up in drizzle's package.json (179 KB, 447 exports),
//   parsing it again every time: 0.55 s of a 5.5 s report for 20,000 orders. The CommonJS build is
//   the same code from the same package (0.18 s to load instead of 0.74 s).
import { enableCompileCache, registerHooks } from "node:module";

enableCompileCache?.();
registerHooks?.({
  resolve(specifier, context, next) {
    const drizzle = specifier === "drizzle-orm" || specifier.startsWith("drizzle-orm/");
    return next(specifier, drizzle ? { ...context, conditions: ["require", "node", "default"] } : context);
  },
});
await import("./report/run.ts");
