// Where a zod issue points, as the JSON path the error body names (`items[2].qty`, `(root)`).

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out || "(root)";
}

/** Where a zod issue is; an unknown key is named (`items[0].price`), since its issue points at the object holding it. */
export function issuePath(issue: { path: readonly PropertyKey[]; code?: string; keys?: readonly string[] }): string {
  const key = issue.code === "unrecognized_keys" ? issue.keys?.[0] : undefined;
  return formatPath(key === undefined ? issue.path : [...issue.path, key]);
}
