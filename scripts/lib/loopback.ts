// The harnesses talk to this machine alone: every request and socket goes to 127.0.0.1.

/** Throws for a URL whose host is not 127.0.0.1. */
export function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (host !== "127.0.0.1") throw new Error(`refusing to contact ${host}: the harness talks to 127.0.0.1 only`);
}
