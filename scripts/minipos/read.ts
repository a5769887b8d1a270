// Reading a mini_pos config.json: which of its formats it is, and its flat keys made nested.
import type { Findings } from "./findings.ts";
import { readFirst, readNested, readOlder } from "./formats.ts";
import type { MiniposSource } from "./source.ts";

/**
 * The older format writes nested settings as flat keys (`"product/available"`, `"ui/auto_close"`).
 * They become nested objects here, so both formats are read by path; `flatKeys` remembers them
 * so messages show the keys as the file has them.
 */
export function unflatten(findings: Findings, file: Record<string, unknown>): { file: Record<string, unknown>; flatKeys: Set<string> } {
  const out: Record<string, unknown> = {};
  const flatKeys = new Set<string>();
  for (const [key, value] of Object.entries(file)) {
    if (!key.includes("/")) {
      out[key] = value;
      continue;
    }
    flatKeys.add(key);
    const names = key.split("/");
    let node = out;
    for (const name of names.slice(0, -1)) {
      const next = (node[name] ??= {});
      if (!next || typeof next !== "object" || Array.isArray(next)) {
        findings.error([key], `clashes with the key "${name}", which is not an object`);
        break;
      }
      node = next as Record<string, unknown>;
    }
    node[names.at(-1)!] = value;
  }
  return { file: out, flatKeys };
}

export function readMinipos(findings: Findings, raw: unknown): { source?: MiniposSource; flatKeys: Set<string> } {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
    findings.error([], "must be a JSON object: a mini_pos config.json");
    return { flatKeys: new Set() };
  }
  const { file, flatKeys } = unflatten(findings, raw as Record<string, unknown>);
  if (findings.hasErrors) return { flatKeys };
  if (Array.isArray(file.stations) && Array.isArray(file.products)) {
    findings.error([], "this is a Mini POS config already (it has stations and a product list); check it with `npm run check-config`");
    return { flatKeys };
  }
  const nested = "products" in file;
  const older = "product" in file;
  if (nested && older) {
    findings.error([], 'has both "products" (mini_pos v0.3.9) and "product/…" keys (older mini_pos): keep one of them');
    return { flatKeys };
  }
  if (!nested && !older) {
    findings.error([], 'is not a mini_pos config: it needs "products" (mini_pos v0.3.9) or "product/available" (older mini_pos)');
    return { flatKeys };
  }
  // mini_pos's first files (January 2023) kept one list of [name, price] without categories.
  if (nested && Array.isArray(file.products)) return { source: readFirst(findings, file), flatKeys };
  return { source: nested ? readNested(findings, file) : readOlder(findings, file), flatKeys };
}
