/**
 * A sliding-window counter per key (an account or an address), kept in the server process: the app runs
 * as one process on one SQLite file. Counts older than the window fall away; nothing is stored for keys
 * that stop coming.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  private recent(key: string, now: number) {
    const list = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length) this.hits.set(key, list);
    else this.hits.delete(key);
    return list;
  }

  /** Seconds until the key may try again, or 0 when it may now. */
  retryAfter(key: string, now = Date.now()): number {
    const list = this.recent(key, now);
    if (list.length < this.limit) return 0;
    return Math.ceil((list[list.length - this.limit]! + this.windowMs - now) / 1000);
  }

  record(key: string, now = Date.now()) {
    this.hits.set(key, [...this.recent(key, now), now]);
    // Bound memory under a flood of distinct keys: forget the oldest.
    if (this.hits.size > 100_000) this.hits.delete(this.hits.keys().next().value!);
  }

  reset(key: string) {
    this.hits.delete(key);
  }

  clear() {
    this.hits.clear();
  }
}

const minutes = (n: number) => n * 60_000;

/**
 * The limits: failed sign-ins per account and per address, sign-ups per address and per account.
 * Successful sign-ins do not count, so people on one school network can all sign in.
 */
export const limits = {
  signInFailuresPerAccount: new RateLimiter(5, minutes(15)),
  signInFailuresPerAddress: new RateLimiter(30, minutes(15)),
  signUpsPerAddress: new RateLimiter(20, minutes(60)),
  signUpsPerAccount: new RateLimiter(5, minutes(60)),
};

/** The client's address as the server sees it (Next.js sets x-forwarded-for; a proxy in front must too). */
export function clientAddress(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || "unknown";
}

/** The wait in seconds before a sign-in for this account from this address may be tried, or 0. */
export function signInWait(account: string, address: string) {
  return Math.max(limits.signInFailuresPerAccount.retryAfter(account.toLowerCase()), limits.signInFailuresPerAddress.retryAfter(address));
}

export function recordSignInFailure(account: string, address: string) {
  limits.signInFailuresPerAccount.record(account.toLowerCase());
  limits.signInFailuresPerAddress.record(address);
}

/** Counts a sign-up attempt and returns the wait in seconds if it is over the limit (then it is not counted). */
export function signUpWait(account: string, address: string) {
  const wait = Math.max(limits.signUpsPerAccount.retryAfter(account.toLowerCase()), limits.signUpsPerAddress.retryAfter(address));
  if (wait === 0) {
    limits.signUpsPerAccount.record(account.toLowerCase());
    limits.signUpsPerAddress.record(address);
  }
  return wait;
}

/** Forgets every count (tests that make many sign-ups on purpose start from zero). */
export function resetRateLimits() {
  for (const limiter of Object.values(limits)) limiter.clear();
}
