// Whose address a request counts as, server/security/client-address.ts (README "Mutation testing").
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { clientAddress, normaliseAddress, peerHeader, peerKeyHeader, resolveClientAddress } from "@/server/security/client-address";

describe("addresses", () => {
  it("are trimmed, lower-cased, and IPv4 on a dual-stack socket is plain IPv4", () => {
    expect(normaliseAddress(" ::FFFF:10.0.0.1 ")).toBe("10.0.0.1");
    expect(normaliseAddress("::ffff:abcd")).toBe("::ffff:abcd");
    expect(normaliseAddress("2001:DB8::1")).toBe("2001:db8::1");
    expect(normaliseAddress("10.0.0.1")).toBe("10.0.0.1");
  });
});

describe("the client behind proxies", () => {
  const proxies = ["10.0.0.1", "::ffff:10.0.0.2"];
  it("is the peer itself when the peer is not a trusted proxy, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress("203.0.113.9", "1.1.1.1", proxies)).toBe("203.0.113.9");
    expect(resolveClientAddress("::ffff:203.0.113.9", null, [])).toBe("203.0.113.9");
  });

  it("is the first untrusted hop from the right, ignoring what the client wrote to its left", () => {
    expect(resolveClientAddress("10.0.0.1", "6.6.6.6, 203.0.113.9", proxies)).toBe("203.0.113.9");
    expect(resolveClientAddress("10.0.0.1", "6.6.6.6, 203.0.113.9, 10.0.0.2", proxies)).toBe("203.0.113.9");
    expect(resolveClientAddress("::ffff:10.0.0.2", " 203.0.113.9 ,, ", proxies)).toBe("203.0.113.9");
  });

  it("is the last proxy when every hop is trusted or there are none", () => {
    expect(resolveClientAddress("10.0.0.1", "10.0.0.2", proxies)).toBe("10.0.0.2");
    expect(resolveClientAddress("10.0.0.1", null, proxies)).toBe("10.0.0.1");
    expect(resolveClientAddress("10.0.0.1", undefined, proxies)).toBe("10.0.0.1");
    expect(resolveClientAddress("10.0.0.1", "", proxies)).toBe("10.0.0.1");
  });
});

describe("the address a request counts as", () => {
  beforeAll(() => {
    vi.stubEnv("EDUBRIDGE_PEER_KEY", "k".repeat(32));
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });
  const headers = (h: Record<string, string>) => new Headers(h);

  it("names the headers the serving script sets", () => {
    expect([peerHeader, peerKeyHeader]).toEqual(["x-edubridge-peer", "x-edubridge-peer-key"]);
  });

  it("is the vouched peer, normalised", () => {
    expect(clientAddress(headers({ [peerHeader]: "::ffff:203.0.113.9", [peerKeyHeader]: "k".repeat(32) }))).toBe("203.0.113.9");
  });

  it("is \"unknown\" without the key, with a wrong key of any length, or without the peer", () => {
    expect(clientAddress(headers({ [peerHeader]: "203.0.113.9" }))).toBe("unknown");
    expect(clientAddress(headers({ [peerHeader]: "203.0.113.9", [peerKeyHeader]: "x".repeat(32) }))).toBe("unknown");
    expect(clientAddress(headers({ [peerHeader]: "203.0.113.9", [peerKeyHeader]: "k".repeat(31) }))).toBe("unknown");
    expect(clientAddress(headers({ [peerHeader]: "203.0.113.9", [peerKeyHeader]: "" }))).toBe("unknown");
    expect(clientAddress(headers({ [peerKeyHeader]: "k".repeat(32), "x-forwarded-for": "6.6.6.6" }))).toBe("unknown");
  });

  it("is \"unknown\" when the server has no key, even if the request brings an empty one", () => {
    vi.stubEnv("EDUBRIDGE_PEER_KEY", "");
    expect(clientAddress(headers({ [peerHeader]: "203.0.113.9", [peerKeyHeader]: "" }))).toBe("unknown");
    vi.stubEnv("EDUBRIDGE_PEER_KEY", "k".repeat(32));
  });
});
