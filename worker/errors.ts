// Known errors become `{ error: { code, message, path } }` with the status from codeToStatus.
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { codeToStatus, type ApiErrorBody, type ErrorCode } from "./protocol.ts";

export type ErrorDetails = Omit<ApiErrorBody["error"], "code" | "message" | "path">;

export class ApiError extends HTTPException {
  readonly code: ErrorCode;
  readonly path: string;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, path = "", details: ErrorDetails = {}) {
    super(codeToStatus[code] as ContentfulStatusCode, { message });
    this.code = code;
    this.path = path;
    this.details = details;
  }

  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, path: this.path, ...this.details } };
  }
}

/** The error half of what the coordinator's RPC methods return (errors do not cross RPC intact). */
export type Failure = ApiErrorBody & { ok: false };
export type Result<T> = ({ ok: true } & T) | Failure;

export function fail(code: ErrorCode, message: string, path = "", details: ErrorDetails = {}): Failure {
  return { ok: false, error: { code, message, path, ...details } };
}

/** Unwraps a coordinator result in a route: a failure becomes the ApiError it describes. */
export function unwrap<R extends { ok: true } | { ok: false; error: ApiErrorBody["error"] }>(result: R): Extract<R, { ok: true }> {
  if (result.ok) return result as Extract<R, { ok: true }>;
  const { code, message, path, ...details } = (result as Failure).error;
  throw new ApiError(code, message, path, details);
}

/** What the organiser reads when the server cannot store anything more (also shown on /admin). */
export const DISK_FULL_MESSAGE = "the server's disk is full: orders cannot be stored; free space on the server";

/**
 * Whether an error of a D1 write says the disk is full: SQLite's SQLITE_FULL, the system's ENOSPC,
 * or D1's size limit on Cloudflare. On the box the runtime hides SQLite's message behind
 * "internal error; reference = …" (its log has "database or disk is full"); D1 fails that way only
 * when its storage fails, in practice a full disk, so that counts too.
 */
export function isDiskFull(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /SQLITE_FULL|database or disk is full|ENOSPC|no space left on device|maximum DB size|^internal error; reference = /i.test(text);
}

/** When a write last failed on a full disk in this isolate (GET /security tells the admin). */
let diskFullAt: number | null = null;
export function noteDiskFull(now: number): void {
  diskFullAt = now;
}
export function lastDiskFullAt(): number | null {
  return diskFullAt;
}
