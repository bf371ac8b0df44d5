// Fetching a URL someone else wrote into a CSV, without letting it reach inside our network (SSRF): only
// http(s), no credentials in the URL, every address the host resolves to must be public (no private, loopback,
// link-local, unique-local, CGNAT, multicast, reserved or unspecified address), the connection is made to the
// address that was checked (our own lookup is handed to the socket, so a second lookup cannot "rebind" it), and
// the address the socket actually connected to is checked again. Redirects are followed a few times, each
// checked the same way. One deadline covers the whole fetch; the body streams to a file and is cut off at a size
// cap. What the bytes are is not decided here: the caller sniffs them (a server's Content-Type is not trusted).
import { lookup as dnsLookup } from "node:dns/promises";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import net from "node:net";

export interface SafeFetchOptions {
  /** Where the body is written. */
  toFile: string;
  maxBytes: number;
  timeoutMs?: number;
  maxRedirects?: number;
}

export type SafeFetchResult =
  | { ok: true; bytes: number; finalUrl: string }
  /** refused: we will not fetch it (address, scheme, size); otherwise it failed and may work later. */
  | { ok: false; refused: boolean; reason: string };

const DEFAULTS = { timeoutMs: 15_000, maxRedirects: 3 };

// ------------------------------------------------------------------------------------------------ loopback in tests
// A test serves real image bytes from its own HTTP server on 127.0.0.1. The fetcher may reach that one server
// and nothing else on loopback, and only when all of these hold, so production can never switch it on:
//  - the allowance is given for a server object this same process is listening with, and covers its port only
//    while it listens (not loopback in general: never the database, Redis or another local service);
//  - giving it throws unless the process runs under Vitest (NODE_ENV=test and VITEST set), and every use
//    checks that again;
//  - the function is not on the reviews module's face, and app code may only import a module's face
//    (kundrost/module-face in `npm run lint`), so only tests can reach it.
const testServers = new Set<net.Server>();

function underTest(): boolean {
  return process.env.NODE_ENV === "test" && Boolean(process.env.VITEST);
}

/** Tests only: lets the fetcher reach this listening loopback server. Returns the function that takes it back. */
export function allowTestLoopbackServer(server: net.Server): () => void {
  if (!underTest()) throw new Error("A loopback server may only be allowed in a test run.");
  const address = server.address();
  if (!server.listening || !address || typeof address === "string")
    throw new Error("Allow the test server after it listens on a TCP port.");
  testServers.add(server);
  return () => void testServers.delete(server);
}

function isAllowedTestServer(port: number | undefined): boolean {
  if (port === undefined || testServers.size === 0 || !underTest()) return false;
  for (const server of testServers) {
    const address = server.address();
    if (server.listening && address && typeof address !== "string" && address.port === port) return true;
  }
  return false;
}

// ------------------------------------------------------------------------------------------------ addresses

/** Why an address must not be fetched, or null when it is a public unicast address. */
export function forbiddenAddress(address: string, port?: number): string | null {
  const family = net.isIP(address);
  if (family === 4) return forbiddenIpv4(address, port);
  if (family === 6) {
    const lower = address.toLowerCase();
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
    if (mapped) return forbiddenIpv4(mapped[1], port);
    if (lower === "::1") return isAllowedTestServer(port) ? null : "a loopback address";
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

function forbiddenIpv4(address: string, port: number | undefined): string | null {
  const [a, b] = address.split(".").map(Number);
  if (a === 127) return isAllowedTestServer(port) ? null : "a loopback address";
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
  port: number;
  address: string;
  family: number;
}

async function checkUrl(raw: string): Promise<Checked | { refused: string }> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { refused: "it is not a URL" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return { refused: `the ${url.protocol.replace(/:$/, "")} scheme is not allowed (only http and https)` };
  if (url.username || url.password) return { refused: "a URL with a user name or password is not fetched" };
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
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
    const problem = forbiddenAddress(entry.address, port);
    if (problem) return { refused: `${host} is ${problem} (${entry.address})` };
  }
  return { url, port, ...addresses[0] };
}

// ------------------------------------------------------------------------------------------------ fetching

export async function safeFetch(raw: string, options: SafeFetchOptions): Promise<SafeFetchResult> {
  const settings = { ...DEFAULTS, ...options };
  const deadline = Date.now() + settings.timeoutMs;
  let current = raw;
  for (let hop = 0; hop <= settings.maxRedirects; hop += 1) {
    const checked = await checkUrl(current);
    if ("refused" in checked)
      return {
        ok: false,
        refused: true,
        reason: `Refused: ${hop > 0 ? "it redirects to a URL where " : ""}${checked.refused}.`,
      };
    const answer = await requestOnce(checked, settings, deadline);
    if (answer.kind === "redirect") {
      current = new URL(answer.location, checked.url).toString();
      continue;
    }
    if (!answer.result.ok) await rm(settings.toFile, { force: true });
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
    let settled = false;
    const remaining = deadline - Date.now();
    if (remaining <= 0) return outer({ kind: "done", result: { ok: false, refused: false, reason: "Timed out." } });
    const resolve = (answer: Answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outer(answer);
    };
    const done = (result: SafeFetchResult) => resolve({ kind: "done", result });
    // One deadline for the whole fetch (connect, headers and body), not an idle timeout a slow drip could reset.
    const timer = setTimeout(() => {
      done({ ok: false, refused: false, reason: `Timed out after ${Math.round(settings.timeoutMs / 1000)} s.` });
      request.destroy();
    }, remaining);
    const client = checked.url.protocol === "https:" ? https : http;
    const request = client.request(
      checked.url,
      {
        method: "GET",
        headers: { "User-Agent": "Kundrost-ReviewImport/1.0", Accept: "image/*" },
        agent: false,
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
        const problem = forbiddenAddress(remote, response.socket.remotePort);
        if (problem) {
          response.destroy();
          return done({ ok: false, refused: true, reason: `Refused: the connection went to ${problem} (${remote}).` });
        }
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400 && response.headers.location) {
          response.resume();
          return resolve({ kind: "redirect", location: response.headers.location });
        }
        if (status !== 200) {
          response.resume();
          // 4xx: the photo is not there (refused for good); 5xx: the server may answer later.
          return done({ ok: false, refused: status < 500, reason: `The server answered ${status}.` });
        }
        const tooLarge = `Refused: larger than ${Math.round(settings.maxBytes / (1024 * 1024))} MB.`;
        if (Number(response.headers["content-length"] ?? 0) > settings.maxBytes) {
          response.destroy();
          return done({ ok: false, refused: true, reason: tooLarge });
        }
        const file = createWriteStream(settings.toFile);
        let size = 0;
        const fail = (result: SafeFetchResult) => {
          response.destroy();
          file.destroy();
          done(result);
        };
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > settings.maxBytes) return fail({ ok: false, refused: true, reason: tooLarge });
          if (!file.write(chunk)) {
            response.pause();
            file.once("drain", () => response.resume());
          }
        });
        response.on("end", () => {
          if (settled) return;
          file.end(() => done({ ok: true, bytes: size, finalUrl: checked.url.toString() }));
        });
        response.on("error", (error) =>
          fail({ ok: false, refused: false, reason: `The download broke off: ${error.message}` }),
        );
        file.on("error", (error) =>
          fail({ ok: false, refused: false, reason: `Could not store it: ${error.message}` }),
        );
      },
    );
    request.on("error", (error) => done({ ok: false, refused: false, reason: `Could not connect: ${error.message}` }));
    request.end();
  });
}
