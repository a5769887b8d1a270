// Requests per session, limited in the worker's memory: one greedy phone or script (a loop of
// GET /tables, say) must not fill the server's single D1 and slow everyone else's orders. A phone
// in normal use sends a few requests a second; a reload or an outbox catching up, a few dozen.
import { TokenBucket } from "../lib/tokenBucket.ts";
import { HTTP_LIMITS } from "../protocol.ts";

const buckets = new Map<string, TokenBucket>();
const MAX_TRACKED = 5_000;

/** True when this session may send one more request now. */
export function takeRequest(sessionId: string, now: number): boolean {
  let bucket = buckets.get(sessionId);
  if (!bucket) {
    if (buckets.size >= MAX_TRACKED) buckets.clear(); // forgetting only gives full buckets back
    bucket = new TokenBucket(HTTP_LIMITS.burst, HTTP_LIMITS.perSecond, now);
    buckets.set(sessionId, bucket);
  }
  return bucket.take(now);
}
