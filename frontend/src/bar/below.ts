// The "+N more" of a station screen: how many ticket cards are not wholly in view because they
// reach below the bottom of the scrolling area (cards scrolled past at the top are not counted).
export function countBelow(area: Element, grid: Element): number {
  const bottom = area.getBoundingClientRect().bottom;
  let n = 0;
  for (const card of grid.children) if (card.getBoundingClientRect().bottom > bottom + 0.5) n++;
  return n;
}
