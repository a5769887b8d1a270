// Which event a data folder runs: the events row without an end, as long as config.json's event is
// one of the folder's events; config.json's event when the folder has none yet (the first start) or
// when config.json names an id the folder never had (an operator who changed the id to start a new
// event, the way before POST /events). The worker, `npm start`'s banner and access.html, and
// `npm run report`'s default all follow this one rule.
export interface EventRowLike {
  id: string;
  name: string;
  endedAt: number | null;
}

export function runningEvent(rows: readonly EventRowLike[], fromConfig: { id: string; name: string }): { id: string; name: string } {
  const current = rows.find((r) => r.endedAt === null);
  if (current && rows.some((r) => r.id === fromConfig.id)) return { id: current.id, name: current.name };
  return fromConfig;
}
