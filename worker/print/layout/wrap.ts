// Line wrapping for the paper: greedy by words, so a word is cut only when it is longer than a whole
// line. Spaces where a line breaks are consumed; every other character stays, in order.

/**
 * Splits text into lines of at most `width` characters (`restWidth` from the second line on, for
 * text that continues under an indent); always at least one line, possibly empty.
 */
export function wrapWords(text: string, width: number, restWidth = width): string[] {
  const lines: string[] = [];
  const limit = () => Math.max(1, lines.length === 0 ? width : restWidth);
  let line = "";
  for (const word of text.split(" ").filter((w) => w !== "")) {
    let rest = word;
    if (line !== "" && line.length + 1 + rest.length <= limit()) {
      line += ` ${rest}`;
      continue;
    }
    if (line !== "") lines.push(line);
    line = "";
    while (rest.length > limit()) {
      const cut = limit();
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  lines.push(line);
  return lines;
}
