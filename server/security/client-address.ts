import { timingSafeEqual } from "node:crypto";
import { env, peerKey } from "../env";

/**
 * Next.js route handlers and server components never see the socket, and Next fills `X-Forwarded-For` only
 * when the client did not send one. So the serving script (scripts/next-server.ts) removes any client-sent
 * copy of these two headers and sets them from `req.socket.remoteAddress` and its per-process key.
 */
export const peerHeader = "x-edubridge-peer";
export const peerKeyHeader = "x-edubridge-peer-key";

/** `::ffff:10.0.0.1` (an IPv4 client on a dual-stack socket) is `10.0.0.1`. */
export function normaliseAddress(address: string): string {
  const a = address.trim().toLowerCase();
  return a.startsWith("::ffff:") && a.includes(".") ? a.slice(7) : a;
}

/**
 * The client's address from the connection's peer: the peer itself unless it is a trusted proxy; then the
 * `X-Forwarded-For` hops are read from the right (the hop each proxy appended) past the trusted proxies, and
 * the first untrusted one is the client. Hops to the left of it were written by the client and are ignored.
 */
export function resolveClientAddress(peer: string, forwardedFor: string | null | undefined, trustedProxies: readonly string[]): string {
  const trusted = new Set(trustedProxies.map(normaliseAddress));
  let address = normaliseAddress(peer);
  if (!trusted.has(address)) return address;
  const hops = (forwardedFor ?? "")
    .split(",")
    .map(normaliseAddress)
    .filter(Boolean);
  while (hops.length) {
    address = hops.pop()!;
    if (!trusted.has(address)) return address;
  }
  return address;
}

function vouched(headers: Headers): boolean {
  const key = peerKey();
  const given = headers.get(peerKeyHeader);
  if (!key || !given || given.length !== key.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(key));
}

/**
 * The client's address for per-address limits. Without the serving script's vouched peer header (e.g. under
 * `next dev`) every request counts as one address, "unknown": never a client-chosen value.
 */
export function clientAddress(headers: Headers): string {
  const peer = vouched(headers) ? headers.get(peerHeader) : null;
  if (!peer) return "unknown";
  return resolveClientAddress(peer, headers.get("x-forwarded-for"), env().TRUSTED_PROXIES);
}
