import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";

/**
 * Where webhooks may be sent (SSRF): a receiver's URL is the caller's to choose, so without these checks the platform
 * would POST on request into its own network (a database's HTTP port, a cloud metadata service at 169.254.169.254).
 *
 * - HTTPS only; plain HTTP only to this machine (localhost, 127.0.0.1, ::1) and only outside production (a receiver
 *   in a test or on a developer's machine).
 * - Never to private, shared, link-local, multicast or reserved addresses; loopback only outside production.
 * - Checked when the endpoint is registered and again at every delivery, where the connection goes to the very
 *   address that was checked (a DNS answer that changed in between, "DNS rebinding", is checked too).
 */
export interface UrlPolicy {
  /** Loopback receivers over HTTP or HTTPS: development and tests only. */
  allowLoopback: boolean;
}

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  blocked.addSubnet(net, prefix, "ipv6");

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

/** IPv4 written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is. */
function unmapped(address: string): { address: string; family: "ipv4" | "ipv6" } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1]!, family: "ipv4" };
  return { address, family: isIP(address) === 6 ? "ipv6" : "ipv4" };
}

export function isLoopbackAddress(address: string): boolean {
  const a = unmapped(address);
  return loopback.check(a.address, a.family);
}

/** Whether a resolved address may receive a webhook under `policy`. */
export function addressAllowed(address: string, policy: UrlPolicy): boolean {
  const a = unmapped(address);
  if (loopback.check(a.address, a.family)) return policy.allowLoopback;
  return !blocked.check(a.address, a.family);
}

export type UrlRefusal = "errors.webhookUrlInvalid" | "errors.webhookUrlHttps" | "errors.webhookUrlBlocked" | "errors.webhookUrlUnresolved";

const localNames = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** The URL's form: parseable, no credentials, HTTPS (or HTTP to localhost when loopback is allowed). */
export function checkUrlForm(raw: string, policy: UrlPolicy): { url: URL } | { refusal: UrlRefusal } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { refusal: "errors.webhookUrlInvalid" };
  }
  if (url.username || url.password || (url.protocol !== "https:" && url.protocol !== "http:")) return { refusal: "errors.webhookUrlInvalid" };
  if (url.protocol === "http:" && !(policy.allowLoopback && localNames.has(url.hostname))) return { refusal: "errors.webhookUrlHttps" };
  return { url };
}

function resolveAll(hostname: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));
}

/** Resolves the host and refuses it when any of its addresses is not allowed (a name with one private address is refused). */
export async function resolveAllowed(hostname: string, policy: UrlPolicy): Promise<{ addresses: LookupAddress[] } | { refusal: UrlRefusal }> {
  const bare = hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: LookupAddress[];
  if (isIP(bare)) addresses = [{ address: bare, family: isIP(bare) }];
  else {
    try {
      addresses = await resolveAll(bare);
    } catch {
      return { refusal: "errors.webhookUrlUnresolved" };
    }
  }
  if (addresses.length === 0) return { refusal: "errors.webhookUrlUnresolved" };
  if (addresses.some((a) => !addressAllowed(a.address, policy))) return { refusal: "errors.webhookUrlBlocked" };
  return { addresses };
}

/** Registration's check: the form, then the addresses the name has now. Null when the URL is acceptable. */
export async function checkWebhookUrl(raw: string, policy: UrlPolicy): Promise<UrlRefusal | null> {
  const form = checkUrlForm(raw, policy);
  if ("refusal" in form) return form.refusal;
  const resolved = await resolveAllowed(form.url.hostname, policy);
  return "refusal" in resolved ? resolved.refusal : null;
}
