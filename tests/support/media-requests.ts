// Asks the media route for a file as a browser or a cache would (a method, Range, If-None-Match) and sums up the
// answer, for tests that go through the many kinds of request one file can get.
import { loader as mediaLoader } from "~/routes/media.$token.$file";

export interface MediaAnswer {
  status: number;
  contentRange: string | null;
  contentLength: string | null;
  /** Bytes in the body as read. */
  bytes: number;
}

export async function askMediaRoute(
  url: string,
  headers: Record<string, string> = {},
  method: "GET" | "HEAD" = "GET",
): Promise<MediaAnswer & { etag: string | null; responseHeaders: Record<string, string> }> {
  const request = new Request(new URL(url, "https://kundrost.example"), { method, headers });
  const [, , token, file] = new URL(request.url).pathname.split("/");
  const response = (await mediaLoader({ request, params: { token, file }, context: {} })) as Response;
  return {
    status: response.status,
    contentRange: response.headers.get("Content-Range"),
    contentLength: response.headers.get("Content-Length"),
    bytes: (await response.arrayBuffer()).byteLength,
    etag: response.headers.get("ETag"),
    responseHeaders: Object.fromEntries(response.headers),
  };
}

/**
 * For each [request headers, expected answer]: the HEAD request is answered as `expected` says, with no body, and with
 * the status and headers the same request as a GET gets. `ask` asks the route (and may add what the storage was asked).
 */
export async function expectHeadsAnsweredAsGets<
  Answer extends { status: number; responseHeaders: Record<string, string> },
>(
  ask: (headers: Record<string, string>, method?: "GET" | "HEAD") => Promise<Answer>,
  answers: [headers: Record<string, string>, expected: Partial<Answer>][],
): Promise<void> {
  for (const [headers, expected] of answers) {
    const [got, sent] = [await ask(headers, "HEAD"), await ask(headers)];
    expect({ headers, ...got }).toMatchObject({ ...expected, bytes: 0 });
    expect({ asked: headers, status: got.status, headers: got.responseHeaders }).toEqual({
      asked: headers,
      status: sent.status,
      headers: sent.responseHeaders,
    });
  }
}
