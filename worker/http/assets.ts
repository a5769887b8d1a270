// The app's files, from the assets binding (the Vite build in dist/, its headers from dist/_headers).

/** A note miniflare's asset worker adds for its own request log; not for the phone. */
const LOCAL_LOG_HEADER = "X-Mf-Additional-Response-Log";

export async function serveAsset(assets: Fetcher, request: Request): Promise<Response> {
  const response = await assets.fetch(request);
  if (!response.headers.has(LOCAL_LOG_HEADER)) return response;
  const copy = new Response(response.body, response);
  copy.headers.delete(LOCAL_LOG_HEADER);
  return copy;
}
