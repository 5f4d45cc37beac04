// The counters and waits of server/security/rate-limit.ts, with the clock passed in (README "Mutation testing").
// The waits run on the project's engine: the memory counters on SQLite ("unit"), the rate_limits table on PostgreSQL ("pg").
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/create";
import {
  backoffMs,
  failuresOf,
  FailureCounter,
  limits,
  RateLimiter,
  recordSignInFailure,
  recordSignInSuccess,
  resetRateLimits,
  retryAfter,
  signInFailures,
  signInPolicy,
  signInWait,
  signUpWait,
} from "@/server/security/rate-limit";
import { createTestDb } from "../../helpers/db";

let db: Db;
beforeAll(async () => {
  db = await createTestDb();
});

afterEach(() => {
  resetRateLimits();
  vi.useRealTimers();
});

describe("the sliding window", () => {
  it("lets `limit` hits through and then says how many seconds until the oldest falls out, rounded up", () => {
    const limiter = new RateLimiter(2, 10_000);
    expect(limiter.retryAfter("k", 0)).toBe(0);
    limiter.record("k", 0);
    expect(limiter.retryAfter("k", 1)).toBe(0);
    limiter.record("k", 1_000);
    expect(limiter.retryAfter("k", 1_000)).toBe(9);
    expect(limiter.retryAfter("k", 1_500)).toBe(9);
    expect(limiter.retryAfter("k", 9_000)).toBe(1);
    expect(limiter.retryAfter("k", 9_999)).toBe(1);
    // At exactly the window's length the first hit has fallen out.
    expect(limiter.retryAfter("k", 10_000)).toBe(0);
    expect(limiter.retryAfter("other", 1_000)).toBe(0);
  });

  it("counts from the limit-th most recent hit when there are more", () => {
    const limiter = new RateLimiter(2, 10_000);
    for (const t of [0, 4_000, 8_000]) limiter.record("k", t);
    expect(limiter.retryAfter("k", 8_000)).toBe(6);
  });

  it("no longer counts hits older than the window", () => {
    const limiter = new RateLimiter(2, 10_000);
    limiter.record("k", 0);
    limiter.record("k", 5_000);
    expect(limiter.retryAfter("k", 12_000)).toBe(0);
    limiter.record("k", 12_000);
    expect(limiter.retryAfter("k", 12_000)).toBe(3);
  });

  it("forgets the oldest key beyond 100,000 keys, and not before", () => {
    const limiter = new RateLimiter(1, 60_000);
    for (let i = 0; i < 100_000; i++) limiter.record(`k${i}`, 0);
    expect(limiter.retryAfter("k0", 1)).toBe(60);
    limiter.record("k100000", 0);
    expect([limiter.retryAfter("k0", 1), limiter.retryAfter("k1", 1), limiter.retryAfter("k100000", 1)]).toEqual([0, 60, 60]);
  });

  it("forgets a key, or every key", () => {
    const limiter = new RateLimiter(1, 60_000);
    limiter.record("a", 0);
    limiter.record("b", 0);
    limiter.reset("a");
    expect([limiter.retryAfter("a", 1), limiter.retryAfter("b", 1)]).toEqual([0, 60]);
    limiter.clear();
    expect(limiter.retryAfter("b", 1)).toBe(0);
  });

  it("keeps the hits of a key after a check that finds none expired", () => {
    const limiter = new RateLimiter(1, 60_000);
    limiter.record("a", 0);
    expect(limiter.retryAfter("a", 30_000)).toBe(30);
    expect(limiter.retryAfter("a", 30_000)).toBe(30);
  });

  it("sets its limits: 20 sign-ups an hour per address, 5 per account, 10 posting reports per address", () => {
    expect([limits.signUpsPerAddress.limit, limits.signUpsPerAddress.windowMs]).toEqual([20, 3_600_000]);
    expect([limits.signUpsPerAccount.limit, limits.signUpsPerAccount.windowMs]).toEqual([5, 3_600_000]);
  });
});

describe("failure counters", () => {
  it("count failures and forget a key after a quiet period", () => {
    const counter = new FailureCounter(1_000);
    counter.record("k", 0);
    counter.record("k", 500);
    expect(counter.get("k", 1_499)).toEqual({ count: 2, last: 500 });
    expect(counter.get("k", 1_500)).toBeUndefined();
    counter.record("k", 1_600);
    expect(counter.get("k", 1_600)).toEqual({ count: 1, last: 1_600 });
  });

  it("forget the least recently failed key beyond 100,000 keys, and not before", () => {
    const counter = new FailureCounter(60_000);
    for (let i = 0; i < 100_000; i++) counter.record(`k${i}`, 0);
    counter.record("k0", 1);
    counter.record("k100000", 1);
    expect([counter.get("k0", 2)?.count, counter.get("k1", 2), counter.get("k2", 2)?.count]).toEqual([2, undefined, 1]);
  });

  it("forget one key or all", () => {
    const counter = new FailureCounter(1_000);
    counter.record("a", 0);
    counter.record("b", 0);
    counter.reset("a");
    expect([counter.get("a", 1), counter.get("b", 1)]).toEqual([undefined, { count: 1, last: 0 }]);
    counter.clear();
    expect(counter.get("b", 1)).toBeUndefined();
  });
});

describe("back-off", () => {
  it("is free for the first failures, then 1 s doubling up to the cap", () => {
    const rule = { free: 3, capMs: 30_000 };
    expect([0, 2, 3, 4, 5, 7, 8, 20].map((n) => backoffMs(n, rule))).toEqual([0, 0, 1_000, 2_000, 4_000, 16_000, 30_000, 30_000]);
  });

  it("uses 3 free failures per account and 50 per address, capped at 30 s, forgotten after 15 minutes", () => {
    expect(signInPolicy).toEqual({ account: { free: 3, capMs: 30_000 }, address: { free: 50, capMs: 30_000 }, quietMs: 900_000 });
  });
});

describe("sign-in waits", () => {
  it("slow the address that failed, counted over the account, in whole seconds", async () => {
    for (let i = 0; i < 4; i++) await recordSignInFailure(db, "User@Example.com", "10.0.0.1", 0);
    expect(await signInWait(db, "user@example.com ", "10.0.0.1", 0)).toBe(2);
    expect(await signInWait(db, "USER@example.com", "10.0.0.1", 1_001)).toBe(1);
    expect(await signInWait(db, "user@example.com", "10.0.0.1", 2_000)).toBe(0);
    // Another address that never failed for the account signs in at once.
    expect(await signInWait(db, "user@example.com", "10.0.0.2", 0)).toBe(0);
  });

  it("count the account's failures from every address for an address that failed too", async () => {
    await recordSignInFailure(db, "a@example.com", "10.0.0.1", 0);
    await recordSignInFailure(db, "a@example.com", "10.0.0.2", 0);
    await recordSignInFailure(db, "a@example.com", "10.0.0.3", 0);
    expect(await signInWait(db, "a@example.com", "10.0.0.3", 0)).toBe(1);
    expect((await failuresOf(db, signInFailures.perAccount, "a@example.com", 0))?.count).toBe(3);
  });

  it("restart a streak after the quiet spell, counting from the last failure", async () => {
    const quiet = signInPolicy.quietMs;
    await recordSignInFailure(db, "q@example.com", "10.0.0.1", 0);
    await recordSignInFailure(db, "q@example.com", "10.0.0.1", 1_000);
    expect(await failuresOf(db, signInFailures.perAccount, "q@example.com", 1_000 + quiet - 1)).toEqual({ count: 2, last: 1_000 });
    expect(await failuresOf(db, signInFailures.perAccount, "q@example.com", 1_000 + quiet)).toBeUndefined();
    await recordSignInFailure(db, "q@example.com", "10.0.0.1", 1_000 + quiet);
    expect(await failuresOf(db, signInFailures.perAccount, "q@example.com", 1_000 + quiet)).toEqual({ count: 1, last: 1_000 + quiet });
  });

  it("forget this address's failures for the account on success, keeping the account's and the address's", async () => {
    for (let i = 0; i < 4; i++) await recordSignInFailure(db, "b@example.com", "10.0.0.1", 0);
    await recordSignInSuccess(db, " B@example.com", "10.0.0.1");
    expect(await signInWait(db, "b@example.com", "10.0.0.1", 0)).toBe(0);
    expect((await failuresOf(db, signInFailures.perAccount, "b@example.com", 0))?.count).toBe(4);
    expect((await failuresOf(db, signInFailures.perAddress, "10.0.0.1", 0))?.count).toBe(4);
  });

  it("slow an address that fails for many accounts once it passes its own budget", async () => {
    for (let i = 0; i < 51; i++) await recordSignInFailure(db, `user${i}@example.com`, "10.9.9.9", 0);
    expect(await signInWait(db, "someone-else@example.com", "10.9.9.9", 0)).toBe(2);
    expect(await signInWait(db, "someone-else@example.com", "10.9.9.8", 0)).toBe(0);
  });

  it("count every one of failures recorded at once (several instances at the same moment)", async () => {
    await Promise.all(Array.from({ length: 8 }, (_, i) => recordSignInFailure(db, "c@example.com", "10.0.0.1", i)));
    expect(await failuresOf(db, signInFailures.perAccount, "c@example.com", 8)).toEqual({ count: 8, last: expect.any(Number) as number });
    expect(await signInWait(db, "c@example.com", "10.0.0.1", 7)).toBe(30);
  });
});

describe("sign-up waits", () => {
  it("count attempts per account (any case) and per address, and do not count a refused one", async () => {
    for (let i = 0; i < 5; i++) expect(await signUpWait(db, `New${i % 1}@Example.com`, `10.1.0.${i}`)).toBe(0);
    expect(await signUpWait(db, "new0@example.com", "10.1.1.1")).toBeGreaterThan(3_500);
    expect(await retryAfter(db, limits.signUpsPerAddress, "10.1.1.1")).toBe(0);
  });

  it("do not count a refused attempt against the next hour", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(0);
    for (let i = 0; i < 5; i++) expect(await signUpWait(db, "d@example.com", `10.3.0.${i}`)).toBe(0);
    vi.setSystemTime(30 * 60_000);
    for (let i = 0; i < 5; i++) expect(await signUpWait(db, "d@example.com", "10.3.1.1")).toBe(1_800);
    vi.setSystemTime(61 * 60_000);
    expect(await signUpWait(db, "d@example.com", "10.3.1.1")).toBe(0);
  });

  it("slide: the wait runs from the limit-th most recent attempt, and older ones fall out", async () => {
    const hour = 3_600_000;
    for (const t of [0, 10_000, 20_000, 30_000, 40_000]) expect(await signUpWait(db, "e@example.com", `10.4.0.${t / 10_000}`, t)).toBe(0);
    expect(await signUpWait(db, "e@example.com", "10.4.1.1", 50_000)).toBe((hour - 50_000) / 1000);
    // The first attempt has fallen out: one more is allowed, and then the second one is the limit-th most recent.
    expect(await signUpWait(db, "e@example.com", "10.4.1.1", hour)).toBe(0);
    expect(await signUpWait(db, "e@example.com", "10.4.1.1", hour + 1)).toBe(10);
  });

  it("let exactly the allowance through when attempts come at once", async () => {
    const address = await Promise.all(Array.from({ length: 25 }, (_, i) => signUpWait(db, `f${i}@example.com`, "10.5.0.1", 1_000)));
    expect(address.filter((w) => w === 0)).toHaveLength(limits.signUpsPerAddress.limit);
    expect(address.filter((w) => w === 3_600)).toHaveLength(25 - limits.signUpsPerAddress.limit);
    const account = await Promise.all(Array.from({ length: 9 }, (_, i) => signUpWait(db, "g@example.com", `10.6.0.${i}`, 1_000)));
    expect(account.filter((w) => w === 0)).toHaveLength(limits.signUpsPerAccount.limit);
  });

  it("are forgotten by resetRateLimits", async () => {
    for (let i = 0; i < 5; i++) await signUpWait(db, "c@example.com", "10.2.0.1");
    await recordSignInFailure(db, "c@example.com", "10.2.0.1", Date.now());
    resetRateLimits();
    expect(await signUpWait(db, "c@example.com", "10.2.0.1")).toBe(0);
    expect(await failuresOf(db, signInFailures.perAccount, "c@example.com")).toBeUndefined();
  });
});
