import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

export default defineConfig({
  root: "frontend",
  plugins: [svelte()],
  // The charting code of the admin statistics page (vega, ~800 KB) is one chunk loaded only there;
  // the page budgets that matter are checked by scripts/report-size.ts. Without this, every
  // `npm start` would print a warning that looks like a failure to a volunteer.
  build: { outDir: "../dist", emptyOutDir: true, target: "es2020", manifest: true, reportCompressedSize: true, chunkSizeWarningLimit: 1_000 },
  // `npm run dev:ui` serves the UI with hot reload against a running `npm start`.
  server: { proxy: { "/api": { target: "http://127.0.0.1:8787", ws: true } } },
});
