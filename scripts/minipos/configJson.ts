// config.json text laid out like the shipped one: one station, category, product or table per
// line, so the file stays easy to read and to edit by hand.
const MAX_INLINE = 100;

function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(", ")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value);
    return entries.length ? `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`).join(", ")} }` : "{}";
  }
  return JSON.stringify(value);
}

function block(value: unknown, indent: string): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const text = inline(value);
    if (!value.some((v) => v && typeof v === "object") && text.length <= MAX_INLINE) return text;
    return `[\n${value.map((v) => inner + inline(v)).join(",\n")}\n${indent}]`;
  }
  if (value && typeof value === "object") {
    const text = inline(value);
    if (indent && text.length <= MAX_INLINE) return text;
    const lines = Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${block(v, inner)}`);
    return `{\n${lines.join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

export function formatConfigJson(config: object): string {
  return `${block(config, "")}\n`;
}
