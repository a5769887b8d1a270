// What the machine lets the server do, checked before it starts: a data folder it can write
// (else D1 fails with only "internal error" at the first request), and enough open files for the
// evening's connections (workerd exits when accept() finds none left; every socket drops).
import { accessSync, constants, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

/**
 * workerd holds two open files per connection (measured: it exits at 10,000 idle connections with a
 * limit of 20,000). Below this many, a guest with a laptop could use them all up in seconds; the
 * server must stand 10,000 idle connections.
 */
export const OPEN_FILES_WANTED = 32_768;
const FILES_PER_CONNECTION = 2;

/** A message when `dir` cannot be made or written, else undefined. */
export function dataFolderProblem(dir: string): string | undefined {
  const path = resolve(dir);
  try {
    mkdirSync(path, { recursive: true });
    accessSync(path, constants.W_OK);
    const probe = join(path, `.write-check-${process.pid}`);
    writeFileSync(probe, "");
    rmSync(probe);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    const why = code === "EROFS" ? "it is on a read-only file system" : code === "EACCES" || code === "EPERM" ? "this user may not write there" : code === "ENOSPC" ? "the disk is full" : (error as Error).message;
    return [
      `The data folder ${path} cannot be written: ${why}.`,
      "Orders and payments are kept there, so the server does not start without it.",
      `Fix: choose another folder with --data, or give this user the folder (sudo chown -R "$USER" ${path}).`,
    ].join("\n");
  }
}

/** The soft and hard limit of open files of this process (Node raises the soft one to the hard one at start). */
export function openFilesLimit(limitsText = readFileSync("/proc/self/limits", "utf8")): { soft: number; hard: number } | undefined {
  const m = limitsText.match(/^Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/m);
  if (!m) return undefined;
  const n = (s: string) => (s === "unlimited" ? Infinity : Number(s));
  return { soft: n(m[1]!), hard: n(m[2]!) };
}

/** Below this many open files even a small evening's phones and screens, with a guest's laptop, could run out. */
export const OPEN_FILES_ALWAYS_SAY = 4096;

/**
 * One calm line when the server could hold too few connections at once, with the one line that fixes
 * it. Said where it matters: on the evening's server (started by systemd: `INVOCATION_ID` is set)
 * below 32,768; on a laptop trying it out only when the limit is small enough to matter there too.
 */
export function openFilesWarning(limit: { soft: number; hard: number } | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!limit || limit.hard >= OPEN_FILES_WANTED) return undefined;
  const asService = Boolean(env.INVOCATION_ID);
  if (!asService && limit.hard >= OPEN_FILES_ALWAYS_SAY) return undefined;
  const connections = Math.floor(limit.hard / FILES_PER_CONNECTION);
  return `Note: the open-files limit (${limit.hard}) lets the server keep about ${connections} connections open at once; for the evening's server add LimitNOFILE=1048576 to its systemd unit (README: "Start on boot").`;
}
