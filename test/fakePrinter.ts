// A fake ESC/POS network printer for the tests (issue 21): a TCP server on 127.0.0.1 that records
// what it receives, answers real-time status requests (DLE EOT 1, 2, 4) as a printer does, and can
// misbehave on purpose: refuse connections (not listening, as a printer that is off), drop the
// connection in the middle of a job, stall (accept and never read or answer), or report paper out.
// What it prints is one entry per connection that received job bytes (status requests taken out);
// decode it with test/print-decode.ts.
import { createServer, type Server, type Socket } from "node:net";

export type FakeMode = "ok" | "refuse" | "drop" | "stall" | "paper_out";

/** Answers to DLE EOT 1, 2, 4: bits 1 and 4 always set; paper out sets bits 5 (n=2) and 5–6 (n=4). */
const ANSWERS: Record<"ok" | "paper_out", Record<number, number>> = {
  ok: { 1: 0x12, 2: 0x12, 4: 0x12 },
  paper_out: { 1: 0x12, 2: 0x32, 4: 0x72 },
};

export class FakePrinter {
  /** Job bytes per connection that carried any (status requests removed), in arrival order. */
  readonly received: Uint8Array[] = [];
  /** Connections accepted (including those that only asked for status). */
  connections = 0;
  mode: FakeMode = "ok";
  port = 0;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  static async start(port = 0): Promise<FakePrinter> {
    const printer = new FakePrinter();
    await printer.listen(port);
    return printer;
  }

  private listen(port: number): Promise<void> {
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        this.port = (server.address() as { port: number }).port;
        resolve();
      });
    });
  }

  /** Changes how it behaves; "refuse" stops listening (connections are refused), leaving it listens again on the same port. */
  async setMode(mode: FakeMode): Promise<void> {
    const wasRefusing = this.mode === "refuse";
    this.mode = mode;
    if (mode === "refuse" && !wasRefusing) await this.closeServer();
    if (mode !== "refuse" && wasRefusing) await this.listen(this.port);
  }

  private closeServer(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  async stop(): Promise<void> {
    await this.closeServer();
  }

  private accept(socket: Socket): void {
    this.connections++;
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
    socket.on("error", () => {});
    if (this.mode === "stall") {
      socket.pause(); // never reads, never answers
      return;
    }
    const job: number[] = [];
    let pending: number[] = [];
    let jobBytesSeen = 0;
    socket.on("data", (chunk: Buffer) => {
      pending.push(...chunk);
      let i = 0;
      for (; i < pending.length; i++) {
        if (pending[i] === 0x10 && pending[i + 1] === 0x04) {
          if (i + 2 >= pending.length) break; // the rest of the request comes with the next chunk
          const n = pending[i + 2]!;
          const answers = ANSWERS[this.mode === "paper_out" ? "paper_out" : "ok"];
          if (answers[n] !== undefined) socket.write(Uint8Array.of(answers[n]!));
          i += 2;
          continue;
        }
        job.push(pending[i]!);
        jobBytesSeen++;
        if (this.mode === "drop" && jobBytesSeen >= 20) {
          // Cut the line in the middle of the job: what arrived is printed (half a slip, no cut).
          this.received.push(Uint8Array.from(job));
          socket.destroy();
          return;
        }
      }
      pending = pending.slice(i);
    });
    socket.on("end", () => {
      if (job.length) this.received.push(Uint8Array.from(job));
      socket.end();
    });
  }
}
