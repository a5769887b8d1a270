// Runs the project's scripts as the operator does (`node scripts/…`), collecting their output.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

export const root = join(import.meta.dirname, "../..");

// One rule for the servers' ports (below the ephemeral range: see there).
export { freePort } from "../../scripts/lib/serverProcess.ts";

export interface Run {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /** Resolves when the output contains `text`; rejects on exit or after `ms`. */
  waitFor(text: string | RegExp, ms?: number): Promise<void>;
}

export interface RunOptions {
  /** Start with this limit of open files (soft and hard), as a small machine's service may have. */
  openFilesLimit?: number;
}

export function runScript(script: string, args: string[], env: Record<string, string> = {}, options: RunOptions = {}): Run {
  let output = "";
  const command = [process.execPath, join(root, "scripts", script), ...args];
  const limited = options.openFilesLimit ? ["/bin/sh", "-c", `ulimit -n ${options.openFilesLimit} && exec "$@"`, "sh", ...command] : command;
  const child = spawn(limited[0]!, limited.slice(1), { cwd: root, env: { ...process.env, MINI_POS_QR: "0", ...env } });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    waitFor(text, ms = 30_000) {
      const found = () => (typeof text === "string" ? output.includes(text) : text.test(output));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`timed out waiting for ${text}; output:\n${output}`)), ms);
        const poll = setInterval(() => found() && done(), 50);
        void exited.then((code) => done(found() ? undefined : new Error(`exited with ${code} before ${text}; output:\n${output}`)));
        function done(error?: Error) {
          clearTimeout(timer);
          clearInterval(poll);
          if (error) reject(error);
          else resolve();
        }
      });
    },
  };
}
