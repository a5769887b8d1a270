// The few parts of the `ws` package (present through miniflare; no @types/ws here) that the
// load harnesses use: a client WebSocket that can send a Cookie header.
declare module "ws" {
  import { EventEmitter } from "node:events";
  export default class WebSocket extends EventEmitter {
    static readonly OPEN: 1;
    constructor(url: string, options?: { headers?: Record<string, string>; origin?: string; perMessageDeflate?: boolean; handshakeTimeout?: number });
    readonly readyState: 0 | 1 | 2 | 3;
    send(data: string): void;
    close(code?: number, reason?: string): void;
    terminate(): void;
  }
}
