// Fetching a URL someone else wrote into a CSV, without letting it reach inside our network (SSRF): only
// http(s) on ordinary ports' hosts, every address the host resolves to must be public (no private, loopback,
// link-local, unique-local, CGNAT, multicast or unspecified address), the connection is made to the address
// that was checked (our own DNS lookup is handed to the socket, so a second lookup cannot "rebind" it), and the
// address the socket actually connected to is checked again. Redirects are followed a few times, each checked
// the same way. A timeout covers the whole fetch and the body is cut off at a size cap.
import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import net from "node:net";

export interface SafeFetchOptions {
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** Accept these content types (prefix match); default images. */
  accept?: string[];
  /** Tests only: allow loopback addresses (a test's own server). */
  allowLoopback?: boolean;
}

export type SafeFetchResult =
  { ok: true; bytes: Buffer; contentType: string; finalUrl: string } | { ok: false; refused: boolean; reason: string };

const DEFAULTS = { timeoutMs: 15_000, maxBytes: 15 * 1024 * 1024, maxRedirects: 3, accept: ["image/"] };

/** Why an address must not be fetched, or null when it is a public unicast address. */
export function forbiddenAddress(address: string, options: { allowLoopback?: boolean } = {}): string | null {
  const family = net.isIP(address);
  if (family === 4) return forbiddenIpv4(address, options);
  if (family === 6) {
    const lower = address.toLowerCase();
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
    if (mapped) return forbiddenIpv4(mapped[1], options);
    if (lower === "::1") return options.allowLoopback ? null : "a loopback address";
    if (lower === "::") return "an unspecified address";
    const first = parseInt(lower.split(":")[0] || "0", 16);
    if ((first & 0xffc0) === 0xfe80) return "a link-local address";
    if ((first & 0xfe00) === 0xfc00) return "a private (unique-local) address";
    if ((first & 0xff00) === 0xff00) return "a multicast address";
    if (lower.startsWith("64:ff9b:") || lower.startsWith("2001:db8:") || lower.startsWith("100::"))
      return "a reserved address";
    return null;
  }
  return "not an IP address";
}

function forbiddenIpv4(address: string, options: { allowLoopback?: boolean }): string | null {
  const [a, b] = address.split(".").map(Number);
  if (a === 127) return options.allowLoopback ? null : "a loopback address";
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return "a private address";
  if (a === 169 && b === 254) return "a link-local address";
  if (a === 100 && b >= 64 && b <= 127) return "a shared (CGNAT) address";
  if (a === 0) return "an unspecified address";
  if (a >= 224) return "a multicast or reserved address";
  if ((a === 192 && b === 0) || (a === 198 && (b === 18 || b === 19))) return "a reserved address";
  return null;
}

interface Checked {
  url: URL;
  address: string;
  family: number;
}

async function checkUrl(raw: string, options: SafeFetchOptions): Promise<Checked | { refused: string }> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { refused: "not a URL" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return { refused: `the ${url.protocol} scheme is not allowed` };
  if (url.username || url.password) return { refused: "URLs with credentials are not allowed" };
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: { address: string; family: number }[];
  try {
    addresses = net.isIP(host)
      ? [{ address: host, family: net.isIP(host) }]
      : await dnsLookup(host, { all: true, verbatim: true });
  } catch {
    return { refused: `the host ${host} does not resolve` };
  }
  if (addresses.length === 0) return { refused: `the host ${host} does not resolve` };
  for (const entry of addresses) {
    const problem = forbiddenAddress(entry.address, options);
    if (problem) return { refused: `${host} resolves to ${problem} (${entry.address})` };
  }
  return { url, ...addresses[0] };
}

export async function safeFetch(raw: string, options: SafeFetchOptions = {}): Promise<SafeFetchResult> {
  const settings = { ...DEFAULTS, ...options };
  const deadline = Date.now() + settings.timeoutMs;
  let current = raw;
  for (let hop = 0; hop <= settings.maxRedirects; hop += 1) {
    const checked = await checkUrl(current, settings);
    if ("refused" in checked) return { ok: false, refused: true, reason: `Refused: ${checked.refused}.` };
    const answer = await requestOnce(checked, settings, deadline);
    if (answer.kind === "redirect") {
      current = new URL(answer.location, checked.url).toString();
      continue;
    }
    return answer.result;
  }
  return { ok: false, refused: true, reason: `Refused: more than ${settings.maxRedirects} redirects.` };
}

type Answer = { kind: "redirect"; location: string } | { kind: "done"; result: SafeFetchResult };

function requestOnce(
  checked: Checked,
  settings: typeof DEFAULTS & SafeFetchOptions,
  deadline: number,
): Promise<Answer> {
  return new Promise((outer) => {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return outer({ kind: "done", result: { ok: false, refused: false, reason: "Timed out." } });
    // One deadline for the whole fetch (connect, headers and body), not an idle timeout a slow drip could reset.
    const timer = setTimeout(() => {
      request.destroy(new Error("timeout"));
      done({ ok: false, refused: false, reason: "Timed out." });
    }, remaining);
    const resolve = (answer: Answer) => {
      clearTimeout(timer);
      outer(answer);
    };
    const done = (result: SafeFetchResult) => resolve({ kind: "done", result });
    const client = checked.url.protocol === "https:" ? https : http;
    const request = client.request(
      checked.url,
      {
        method: "GET",
        headers: {
          "User-Agent": "Kundrost-ReviewImport/1.0",
          Accept: settings.accept.map((type) => `${type}*`).join(", "),
        },
        // Connect to the address we checked, never to a fresh lookup's answer.
        lookup: (_host, opts, callback) => {
          if ((opts as { all?: boolean }).all)
            (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [
              { address: checked.address, family: checked.family },
            ]);
          else (callback as (e: null, a: string, f: number) => void)(null, checked.address, checked.family);
        },
      },
      (response) => {
        const remote = response.socket.remoteAddress ?? "";
        const problem = forbiddenAddress(remote, settings);
        if (problem) {
          response.destroy();
          return done({ ok: false, refused: true, reason: `Refused: connected to ${problem} (${remote}).` });
        }
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400 && response.headers.location) {
          response.resume();
          return resolve({ kind: "redirect", location: response.headers.location });
        }
        if (status !== 200) {
          response.resume();
          return done({ ok: false, refused: false, reason: `The server answered ${status}.` });
        }
        const contentType = String(response.headers["content-type"] ?? "").toLowerCase();
        if (!settings.accept.some((prefix) => contentType.startsWith(prefix))) {
          response.destroy();
          return done({
            ok: false,
            refused: true,
            reason: `Refused: the content type "${contentType || "none"}" is not an image.`,
          });
        }
        const declared = Number(response.headers["content-length"] ?? 0);
        if (declared > settings.maxBytes) {
          response.destroy();
          return done({ ok: false, refused: true, reason: `Refused: larger than ${settings.maxBytes} bytes.` });
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > settings.maxBytes) {
            response.destroy();
            done({ ok: false, refused: true, reason: `Refused: larger than ${settings.maxBytes} bytes.` });
            return;
          }
          chunks.push(chunk);
        });
        response.on("end", () =>
          done({ ok: true, bytes: Buffer.concat(chunks), contentType, finalUrl: checked.url.toString() }),
        );
        response.on("error", (error) =>
          done({ ok: false, refused: false, reason: `The download broke off: ${error.message}` }),
        );
      },
    );
    request.on("error", (error) =>
      done({
        ok: false,
        refused: false,
        reason: error.message === "timeout" ? "Timed out." : `Could not connect: ${error.message}`,
      }),
    );
    request.end();
  });
}
