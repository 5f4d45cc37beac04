// The counters and waits of server/security/rate-limit.ts, with the clock passed in (README "Mutation testing").
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  backoffMs,
  FailureCounter,
  limits,
  RateLimiter,
  recordSignInFailure,
  recordSignInSuccess,
  resetRateLimits,
  signInFailures,
  signInPolicy,
  signInWait,
  signUpWait,
} from "@/server/security/rate-limit";

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
  it("slow the address that failed, counted over the account, in whole seconds", () => {
    for (let i = 0; i < 4; i++) recordSignInFailure("User@Example.com", "10.0.0.1", 0);
    expect(signInWait("user@example.com ", "10.0.0.1", 0)).toBe(2);
    expect(signInWait("USER@example.com", "10.0.0.1", 1_001)).toBe(1);
    expect(signInWait("user@example.com", "10.0.0.1", 2_000)).toBe(0);
    // Another address that never failed for the account signs in at once.
    expect(signInWait("user@example.com", "10.0.0.2", 0)).toBe(0);
  });

  it("count the account's failures from every address for an address that failed too", () => {
    recordSignInFailure("a@example.com", "10.0.0.1", 0);
    recordSignInFailure("a@example.com", "10.0.0.2", 0);
    recordSignInFailure("a@example.com", "10.0.0.3", 0);
    expect(signInWait("a@example.com", "10.0.0.3", 0)).toBe(1);
    expect(signInFailures.perAccount.get("a@example.com", 0)?.count).toBe(3);
  });

  it("forget this address's failures for the account on success, keeping the account's and the address's", () => {
    for (let i = 0; i < 4; i++) recordSignInFailure("b@example.com", "10.0.0.1", 0);
    recordSignInSuccess(" B@example.com", "10.0.0.1");
    expect(signInWait("b@example.com", "10.0.0.1", 0)).toBe(0);
    expect(signInFailures.perAccount.get("b@example.com", 0)?.count).toBe(4);
    expect(signInFailures.perAddress.get("10.0.0.1", 0)?.count).toBe(4);
  });

  it("slow an address that fails for many accounts once it passes its own budget", () => {
    for (let i = 0; i < 51; i++) recordSignInFailure(`user${i}@example.com`, "10.9.9.9", 0);
    expect(signInWait("someone-else@example.com", "10.9.9.9", 0)).toBe(2);
    expect(signInWait("someone-else@example.com", "10.9.9.8", 0)).toBe(0);
  });
});

describe("sign-up waits", () => {
  it("count attempts per account (any case) and per address, and do not count a refused one", () => {
    for (let i = 0; i < 5; i++) expect(signUpWait(`New${i % 1}@Example.com`, `10.1.0.${i}`)).toBe(0);
    expect(signUpWait("new0@example.com", "10.1.1.1")).toBeGreaterThan(3_500);
    expect(limits.signUpsPerAddress.retryAfter("10.1.1.1")).toBe(0);
  });

  it("do not count a refused attempt against the next hour", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(0);
    for (let i = 0; i < 5; i++) expect(signUpWait("d@example.com", `10.3.0.${i}`)).toBe(0);
    vi.setSystemTime(30 * 60_000);
    for (let i = 0; i < 5; i++) expect(signUpWait("d@example.com", "10.3.1.1")).toBe(1_800);
    vi.setSystemTime(61 * 60_000);
    expect(signUpWait("d@example.com", "10.3.1.1")).toBe(0);
  });

  it("are forgotten by resetRateLimits", () => {
    for (let i = 0; i < 5; i++) signUpWait("c@example.com", "10.2.0.1");
    recordSignInFailure("c@example.com", "10.2.0.1", Date.now());
    resetRateLimits();
    expect(signUpWait("c@example.com", "10.2.0.1")).toBe(0);
    expect(signInFailures.perAccount.get("c@example.com")).toBeUndefined();
  });
});
