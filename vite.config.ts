import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

export default defineConfig({
  root: "frontend",
  plugins: [svelte()],
  build: { outDir: "../dist", emptyOutDir: true, target: "es2020", manifest: true, reportCompressedSize: true },
  // `npm run dev:ui` serves the UI with hot reload against a running `npm start`.
  server: { proxy: { "/api": { target: "http://127.0.0.1:8787", ws: true } } },
});
