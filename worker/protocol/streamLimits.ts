// What every socket of the stream meets besides its frames (protocol/frames.ts): the caps on
// sockets and client frames, the pacing of the heavy first frames, and the server's close codes.
// Shared by the coordinator, the pages and the harnesses.

/**
 * What every socket meets (docs/api.md, "The stream"). Caps: a session's 5th socket closes its
 * oldest (code 4002); the 501st socket of the event is refused with 503 TOO_MANY_SOCKETS before the
 * upgrade. Client frames: a bucket of `frameBurst`, refilled `framesPerSecond` a second; a frame
 * over it gets an error frame RATE_LIMITED, and after `floodCloseAfter` refused frames with no
 * second free of refusals between them the socket is closed with 1008.
 */
export const STREAM_LIMITS = {
  socketsPerSession: 4,
  /** A waiter name's sockets across all its sessions (over it, the name's oldest gives way: 4002). */
  socketsPerName: 4,
  /** A device's waiter sockets across all its sessions and names (over it, the device's oldest gives way: 4002). */
  socketsPerDevice: 8,
  /** Each role's room of its own: waiters never take the screens' or the admin's (coordinator/socketShares.ts). */
  socketsByRole: { waiter: 400, station: 80, admin: 20 },
  /** The event's sockets in all: the rooms above together. */
  socketsTotal: 500,
  frameBurst: 30,
  framesPerSecond: 10,
  floodCloseAfter: 50,
  pingIntervalMs: 25_000,
  /** Pings not answered in a row after which the socket is closed (code 4003). */
  missedPings: 2,
  /** A client more than this many changes behind gets a snapshot instead of the changes. */
  resumeLimit: 1000,
  /** A phone whose missed frames come to more characters than this gets its (smaller) snapshot instead. */
  phoneCatchUpChars: 300_000,
  /**
   * A phone this many changes behind or fewer (back from a WiFi blip: a busy evening makes a few
   * dozen a minute) gets what it missed at once, never paced; further behind, its own snapshot
   * (also never paced, and about as cheap). So nobody's reconnect loop delays a phone's return.
   */
  phoneResumeChanges: 50,
} as const;

/**
 * The stream's heavy reads (every open order for a screen without a station, a catch-up of missed
 * changes) get at most a twentieth of the event's time (worker/lib/dutyCycle.ts): a loop of reconnects by
 * someone with the waiter PIN leaves the orders going. Sockets that come meanwhile share the next read.
 * The pause is capped only at 20 s: every open order of 5,000 (9 MB) takes a second to read and send,
 * and a cap of 2 s gave such reads a third of the time (another waiter's p90 190 ms).
 */
export const STREAM_READ_PACING = { factor: 19, maxPauseMs: 20_000, graceMs: 10 } as const;

/** Close codes the server uses besides the standard ones (1008 flooding, 1009 too large, 1011 server error). */
export const CLOSE_CODES = {
  /** The session was ended (logout, revoked by the admin): log in again; the reason says why. */
  sessionEnded: 4001,
  /** The same session, name or device opened more sockets than its STREAM_LIMITS share, or a full waiters' room took it from the name with the most: this, the oldest, gave way. */
  replaced: 4002,
  /** Did not answer the server's pings. */
  noPong: 4003,
} as const;
