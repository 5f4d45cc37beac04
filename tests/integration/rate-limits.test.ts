import { TRPCError } from "@trpc/server";
import { count } from "drizzle-orm";
import { CredentialsSignin } from "@auth/core/errors";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/create";
import { users } from "@/db/schema";
import { createCaller } from "@/server/root";
import { authLogger, logFailedSignIn } from "@/server/security/auth-log";
import { peerHeader, peerKeyHeader, resolveClientAddress } from "@/server/security/client-address";
import { clientAddress, limits, recordSignInFailure, recordSignInSuccess, resetRateLimits, signInPolicy, signInWait } from "@/server/security/rate-limit";
import { createContext } from "@/server/trpc";
import { createTestDb } from "../helpers/db";
import { enterpriseInput } from "../helpers/factories";

// The sign-in cases share one database (on PostgreSQL its rate_limits table holds the counts); the reset moves past them.
let shared: Db;
beforeAll(async () => {
  shared = await createTestDb();
});
beforeEach(() => resetRateLimits());

describe("rate limits", () => {
  it("refuse the 21st sign-up from one address within the hour, with a clear message, writing nothing", async () => {
    const db = await createTestDb();
    const from = async (address: string) => createCaller(await createContext({ db, userId: null, address }));
    const caller = await from("203.0.113.7");
    for (let i = 0; i < limits.signUpsPerAddress.limit; i++) await caller.accounts.signUpEnterprise(enterpriseInput());
    const before = (await db.select({ n: count() }).from(users).limit(1))[0]!.n;
    const error = await caller.accounts.signUpEnterprise(enterpriseInput()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("TOO_MANY_REQUESTS");
    expect((await db.select({ n: count() }).from(users).limit(1))[0]!.n).toBe(before);
    // Another address is not affected.
    await (await from("198.51.100.2")).accounts.signUpEnterprise(enterpriseInput());
  });

  it("refuse repeated sign-ups for one account even from many addresses", async () => {
    const db = await createTestDb();
    const input = enterpriseInput({ email: "same@example.cn" });
    const outcomes: string[] = [];
    for (let i = 0; i < 7; i++) {
      const caller = createCaller(await createContext({ db, userId: null, address: `192.0.2.${i}` }));
      outcomes.push(await caller.accounts.signUpEnterprise(input).then(() => "ok", (e: TRPCError) => e.code));
    }
    // The first creates it, the next four are refused as taken, then the account is rate-limited.
    expect(outcomes).toEqual(["ok", "CONFLICT", "CONFLICT", "CONFLICT", "CONFLICT", "TOO_MANY_REQUESTS", "TOO_MANY_REQUESTS"]);
  });

  it("slow sign-ins down after failures instead of locking the account: growing delays, capped at seconds", async () => {
    const db = shared;
    const t0 = Date.now();
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      await recordSignInFailure(db, "Someone@Example.cn", "10.0.0.1", t0 + i);
      waits.push(await signInWait(db, "someone@example.cn", "10.0.0.1", t0 + i));
    }
    // Three failures are free, then 1 s doubling per failure, never more than the cap.
    expect(waits).toEqual([0, 0, 1, 2, 4, 8, 16, 30, 30, 30, 30, 30]);
    expect(signInPolicy.account.capMs).toBeLessThanOrEqual(30_000);
    // The wait runs from the last failure; then the next attempt may be made.
    expect(await signInWait(db, "someone@example.cn", "10.0.0.1", t0 + 11 + 30_000)).toBe(0);
    // Other accounts from elsewhere are not affected.
    expect(await signInWait(db, "other@example.cn", "10.9.9.9", t0 + 12)).toBe(0);
  });

  it("never keep the owner out for an attacker's failures from other addresses, and no longer than the cap after their own", async () => {
    const db = shared;
    const t0 = Date.now();
    // Five wrong passwords used to lock the account for 15 minutes (issue 13 M4); here two hundred, from ten addresses.
    for (let i = 0; i < 200; i++) await recordSignInFailure(db, "admin@example.cn", `203.0.113.${i % 10}`, t0 + i * 100);
    const now = t0 + 200 * 100;
    expect(await signInWait(db, "admin@example.cn", "198.51.100.20", now)).toBe(0);
    // The attacker's addresses are slowed, by at most the cap.
    expect(await signInWait(db, "admin@example.cn", "203.0.113.1", now)).toBeGreaterThan(0);
    expect(await signInWait(db, "admin@example.cn", "203.0.113.1", now)).toBeLessThanOrEqual(30);
    // The owner mistypes once while the attack goes on: at most the cap after their own failure, whatever the attacker does meanwhile.
    await recordSignInFailure(db, "admin@example.cn", "198.51.100.20", now);
    for (let i = 0; i < 50; i++) await recordSignInFailure(db, "admin@example.cn", "203.0.113.99", now + 1 + i * 500);
    expect(await signInWait(db, "admin@example.cn", "198.51.100.20", now + 30_000)).toBe(0);
    // Signing in from an address forgets that address's failures for the account.
    await recordSignInFailure(db, "admin@example.cn", "198.51.100.20", now + 30_001);
    await recordSignInSuccess(db, "admin@example.cn", "198.51.100.20");
    expect(await signInWait(db, "admin@example.cn", "198.51.100.20", now + 30_002)).toBe(0);
  });

  it("slow one address trying many accounts only after a larger budget, also capped", async () => {
    const db = shared;
    const t0 = Date.now();
    const free = signInPolicy.address.free;
    for (let i = 0; i < free - 1; i++) await recordSignInFailure(db, `user${i}@example.cn`, "192.0.2.50", t0);
    expect(await signInWait(db, "fresh@example.cn", "192.0.2.50", t0)).toBe(0);
    await recordSignInFailure(db, "one-more@example.cn", "192.0.2.50", t0);
    expect(await signInWait(db, "fresh@example.cn", "192.0.2.50", t0)).toBe(1);
    for (let i = 0; i < 100; i++) await recordSignInFailure(db, `more${i}@example.cn`, "192.0.2.50", t0);
    expect(await signInWait(db, "fresh@example.cn", "192.0.2.50", t0)).toBe(signInPolicy.address.capMs / 1000);
    // Failures are forgotten after a quiet spell.
    expect(await signInWait(db, "fresh@example.cn", "192.0.2.50", t0 + signInPolicy.quietMs)).toBe(0);
  });
});

describe("the client's address", () => {
  afterEach(() => {
    delete process.env.EDUBRIDGE_PEER_KEY;
  });

  const request = (headers: Record<string, string>) => new Headers(headers);

  it("ignores a client-sent X-Forwarded-For: without the serving script's vouched peer it is one shared address", () => {
    // Changing X-Forwarded-For used to reset every per-address limit (issue 13 M5).
    expect(clientAddress(request({ "x-forwarded-for": "1.2.3.4" }))).toBe("unknown");
    expect(clientAddress(request({ "x-forwarded-for": "5.6.7.8", "x-real-ip": "9.9.9.9" }))).toBe("unknown");
    // A client cannot vouch for itself: the peer header counts only with this process's key.
    process.env.EDUBRIDGE_PEER_KEY = "k".repeat(32);
    expect(clientAddress(request({ [peerHeader]: "1.2.3.4", [peerKeyHeader]: "guess".repeat(7), "x-forwarded-for": "1.2.3.4" }))).toBe("unknown");
  });

  it("is the connection's address from the serving script, whatever X-Forwarded-For says, when no proxy is trusted", () => {
    process.env.EDUBRIDGE_PEER_KEY = "k".repeat(32);
    const from = (xff: string) => clientAddress(request({ [peerHeader]: "::ffff:203.0.113.9", [peerKeyHeader]: "k".repeat(32), "x-forwarded-for": xff }));
    expect(from("1.2.3.4")).toBe("203.0.113.9");
    expect(from("5.6.7.8")).toBe("203.0.113.9");
  });

  it("believes X-Forwarded-For only from trusted proxies, reading it from the right", () => {
    const trusted = ["127.0.0.1", "10.0.0.2"];
    expect(resolveClientAddress("203.0.113.9", "1.2.3.4", trusted)).toBe("203.0.113.9");
    expect(resolveClientAddress("::ffff:127.0.0.1", "198.51.100.7", trusted)).toBe("198.51.100.7");
    // The client wrote the leftmost hop itself; the proxies appended the rest.
    expect(resolveClientAddress("127.0.0.1", "6.6.6.6, 198.51.100.7, 10.0.0.2", trusted)).toBe("198.51.100.7");
    expect(resolveClientAddress("127.0.0.1", "", trusted)).toBe("127.0.0.1");
  });

  it("keeps sign-up limits per address with it", async () => {
    process.env.EDUBRIDGE_PEER_KEY = "k".repeat(32);
    const db = await createTestDb();
    const address = (xff: string) => clientAddress(request({ [peerHeader]: "203.0.113.7", [peerKeyHeader]: "k".repeat(32), "x-forwarded-for": xff }));
    for (let i = 0; i < limits.signUpsPerAddress.limit; i++) {
      await createCaller(await createContext({ db, userId: null, address: address(`10.1.1.${i}`) })).accounts.signUpEnterprise(enterpriseInput());
    }
    const error = await createCaller(await createContext({ db, userId: null, address: address("10.1.1.250") }))
      .accounts.signUpEnterprise(enterpriseInput())
      .catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe("TOO_MANY_REQUESTS");
  });
});

describe("the log of failed sign-ins", () => {
  it("has one line per failure, without a stack trace, the password or the account in clear", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    // Auth.js hands every failed sign-in to its logger, which by default prints it with a stack trace.
    authLogger.error(new CredentialsSignin());
    logFailedSignIn("bad credentials", "Someone@Example.cn", "203.0.113.4");
    expect(warn).toHaveBeenCalledTimes(1);
    const line = String(warn.mock.calls[0]![0]);
    expect(warn.mock.calls[0]).toHaveLength(1);
    expect(line).toMatch(/^\[auth\] sign-in failed: bad credentials account=[0-9a-f]{12} address=203\.0\.113\.4$/);
    expect(line.toLowerCase()).not.toContain("someone@example.cn");
    // The strict console (tests/helpers/strict-console.ts) fails this test if anything reached console.error.
  });
});
