// A warning for the server's output, printed once per process (isolate): the coordinator loads its
// state again at every wake-up from hibernation, and the operator needs a lasting condition (such
// as "config.json's menu differs") said once per start, not every few minutes.
const said = new Set<string>();

export function warnOnce(message: string): void {
  if (said.has(message)) return;
  said.add(message);
  console.warn(message);
}
