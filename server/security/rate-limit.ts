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
 * Sign-ups per address and per account, counted whether or not they succeed; anonymous posting reports per
 * address, every attempt (server/complaints/posting-reports.ts).
 */
export const limits = {
  signUpsPerAddress: new RateLimiter(20, minutes(60)),
  signUpsPerAccount: new RateLimiter(5, minutes(60)),
  postingReportsPerAddress: new RateLimiter(10, minutes(60)),
};

/** The client's address: the connection's own unless it is a trusted proxy (server/security/client-address.ts). */
export { clientAddress } from "./client-address";

/** Failures per key with the time of the last one; a key is forgotten after `quietMs` without failures. */
export class FailureCounter {
  private readonly entries = new Map<string, { count: number; last: number }>();
  constructor(readonly quietMs: number) {}

  get(key: string, now = Date.now()) {
    const entry = this.entries.get(key);
    if (entry && now - entry.last >= this.quietMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  record(key: string, now = Date.now()) {
    const count = (this.get(key, now)?.count ?? 0) + 1;
    // Re-inserted, so the map's order is least recently failed first: that one goes when memory is bounded.
    this.entries.delete(key);
    this.entries.set(key, { count, last: now });
    if (this.entries.size > 100_000) this.entries.delete(this.entries.keys().next().value!);
  }

  reset(key: string) {
    this.entries.delete(key);
  }

  clear() {
    this.entries.clear();
  }
}

/**
 * Sign-in throttling: delays, never lock-outs. After `free` failures the next attempt waits 1 s, doubling with
 * each further failure up to `capMs`, counted from the last failure.
 *
 * - Per account, counted over all addresses, but the wait applies only to addresses that have themselves
 *   failed for that account. An attacker's guesses slow the attacker (at most one guess per 30 s per
 *   address once warmed up) and never the owner signing in from elsewhere; an owner who mistyped from the
 *   attacker's network waits at most `capMs` after their own last failure.
 * - Per address, over all accounts, with a larger budget (a school network shares one address): limits
 *   one address trying many accounts.
 * Unknown accounts are counted the same way, so the delays do not reveal which accounts exist.
 */
export const signInPolicy = {
  account: { free: 3, capMs: 30_000 },
  address: { free: 50, capMs: 30_000 },
  quietMs: minutes(15),
};

export const signInFailures = {
  perAccount: new FailureCounter(signInPolicy.quietMs),
  perAccountAddress: new FailureCounter(signInPolicy.quietMs),
  perAddress: new FailureCounter(signInPolicy.quietMs),
};

/** The delay in ms after `count` failures when the first `free` cost nothing. */
export function backoffMs(count: number, rule: { free: number; capMs: number }) {
  if (count < rule.free) return 0;
  return Math.min(1000 * 2 ** (count - rule.free), rule.capMs);
}

const pairKey = (account: string, address: string) => `${account}\n${address}`;
const accountKey = (account: string) => account.trim().toLowerCase();

/** The wait in seconds before a sign-in for this account from this address may be tried, or 0. */
export function signInWait(account: string, address: string, now = Date.now()) {
  const key = accountKey(account);
  const own = signInFailures.perAccountAddress.get(pairKey(key, address), now);
  const all = signInFailures.perAccount.get(key, now);
  const fromAddress = signInFailures.perAddress.get(address, now);
  const accountUntil = own && all ? own.last + backoffMs(all.count, signInPolicy.account) : 0;
  const addressUntil = fromAddress ? fromAddress.last + backoffMs(fromAddress.count, signInPolicy.address) : 0;
  return Math.max(0, Math.ceil((Math.max(accountUntil, addressUntil) - now) / 1000));
}

export function recordSignInFailure(account: string, address: string, now = Date.now()) {
  const key = accountKey(account);
  signInFailures.perAccount.record(key, now);
  signInFailures.perAccountAddress.record(pairKey(key, address), now);
  signInFailures.perAddress.record(address, now);
}

/**
 * A correct password from this address: its own failures for the account are forgotten. The account's count
 * from other addresses and the address's count are kept (an attacker's own account must not reset them).
 */
export function recordSignInSuccess(account: string, address: string) {
  signInFailures.perAccountAddress.reset(pairKey(accountKey(account), address));
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
  for (const counter of Object.values(signInFailures)) counter.clear();
}
