// What the importer found while reading a mini_pos file: errors stop it, warnings name what it
// could not carry over. Paths point into the mini_pos file, as its owner knows it.
import type { z } from "zod";

export type Path = readonly PropertyKey[];

export interface Finding {
  level: "error" | "warning";
  path: Path;
  message: string;
}

export class Findings {
  readonly list: Finding[] = [];

  error(path: Path, message: string): void {
    this.list.push({ level: "error", path, message });
  }

  warn(path: Path, message: string): void {
    this.list.push({ level: "warning", path, message });
  }

  get hasErrors(): boolean {
    return this.list.some((f) => f.level === "error");
  }

  /** Parses `value` with `schema`; on failure records every issue under `path` and returns undefined. */
  check<T>(schema: z.ZodType<T>, value: unknown, path: Path): T | undefined {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) this.error([...path, ...issue.path], issue.message);
    return undefined;
  }

  /** Warns about every key of `object` not in `known`: the importer has nowhere to put it. */
  warnUnknownKeys(object: Record<string, unknown>, known: readonly string[], path: Path, what: string): void {
    for (const key of Object.keys(object)) {
      if (!known.includes(key)) this.warn([...path, key], `not carried over: Mini POS has no ${what} of that name`);
    }
  }
}

/**
 * `products.Bier[2][1]`. Keys that the older format writes flat (`"product/available"`) are shown
 * as written: `product/available[3][2]`, not `product.available[3][2]`.
 */
export function formatPath(path: Path, flatKeys: ReadonlySet<string> = new Set()): string {
  let out = "";
  let i = 0;
  // The longest run of leading names that was one flat key in the file.
  for (let n = path.length; n > 1; n--) {
    const names = path.slice(0, n);
    if (names.every((p) => typeof p === "string") && flatKeys.has(names.join("/"))) {
      out = names.join("/");
      i = n;
      break;
    }
  }
  for (; i < path.length; i++) {
    const part = path[i]!;
    if (typeof part === "number") out += `[${part}]`;
    else if (part === "") out += '[""]'; // mini_pos allowed an empty category name
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || "(root)";
}
