// The one way the frontend talks HTTP to the worker: JSON in, JSON out, one error type.
import type { ApiErrorBody } from "../../../worker/protocol.ts";

/** The server answered with an error body. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly body: ApiErrorBody["error"];
  constructor(status: number, body: ApiErrorBody["error"]) {
    super(body.message);
    this.status = status;
    this.body = body;
  }
}

/** The server could not be reached (no network, server down, timeout). */
export class NetworkError extends Error {}

export async function api<T>(method: "GET" | "POST" | "PUT", path: string, body?: unknown, timeoutMs = 10_000): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      // Every request that changes data is JSON, body or not: the server refuses anything else (CSRF).
      headers: method === "GET" ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
  const text = await res.text().catch(() => "");
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const error = (data as ApiErrorBody | undefined)?.error;
    // A proxy or a dying server may answer without our error body.
    if (!error) throw res.status >= 500 ? new NetworkError(`HTTP ${res.status}`) : new ApiRequestError(res.status, { code: "INTERNAL", message: `HTTP ${res.status}`, path: "" });
    throw new ApiRequestError(res.status, error);
  }
  return data as T;
}
