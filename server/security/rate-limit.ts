import { createHash } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import type { Db, PostgresDb } from "../../db/create";
import { isPostgres } from "../../db/transaction";

/*
 * Where the counts live. On SQLite the app is one process: the counters below, in its memory, as before. On
 * PostgreSQL several instances serve one database and each would give an attacker the full allowance, so the
 * counts live in the rate_limits table of that database (the store of the `db` handle the caller passes).
 * Our own table rather than rate-limiter-flexible: its stores count points in fixed windows that start at the
 * first hit, while these rules are a sliding window ("the 20th most recent sign-up must be an hour old") and
 * failure streaks that keep the time of the last failure and restart after a quiet spell, all on a clock the
 * tests pass in (and the streaks' last-failure time has no place there). A table of our own keeps them exactly:
 * one atomic upsert per failure, one short row-locking transaction per counted attempt.
 */

/**
 * A sliding-window counter per key (an account or an address), kept in the server process: the app runs
 * as one process on one SQLite file. Counts older than the window fall away; nothing is stored for keys
 * that stop coming. On PostgreSQL the same rule is applied to the rate_limits table (see `PostgresStore`).
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

type Failures = { count: number; last: number };
type On<T> = readonly [T, string];

/** The sliding window's wait in seconds for hits in the order they came (RateLimiter.retryAfter's rule). */
function windowWait(hits: readonly number[], limiter: RateLimiter, now: number) {
  const list = hits.filter((t) => now - t < limiter.windowMs);
  if (list.length < limiter.limit) return 0;
  return Math.ceil((list[list.length - limiter.limit]! + limiter.windowMs - now) / 1000);
}

/** The counts of one engine: every call says which counter and which key, and the time it happens. */
interface Store {
  failures(on: On<FailureCounter>[], now: number): Promise<(Failures | undefined)[]>;
  recordFailures(on: On<FailureCounter>[], now: number): Promise<void>;
  forgetFailures(on: On<FailureCounter>[]): Promise<void>;
  retryAfter(on: On<RateLimiter>, now: number): Promise<number>;
  /** The longest wait of the windows; when there is none the attempt is recorded in all of them, atomically. */
  attempt(on: On<RateLimiter>[], now: number): Promise<number>;
}

/** SQLite: the process's own counters above, exactly as before (each call runs without yielding, so atomically). */
const memoryStore: Store = {
  async failures(on, now) {
    return on.map(([counter, key]) => counter.get(key, now));
  },
  async recordFailures(on, now) {
    for (const [counter, key] of on) counter.record(key, now);
  },
  async forgetFailures(on) {
    for (const [counter, key] of on) counter.reset(key);
  },
  async retryAfter([limiter, key], now) {
    return limiter.retryAfter(key, now);
  },
  async attempt(on, now) {
    const wait = Math.max(0, ...on.map(([limiter, key]) => limiter.retryAfter(key, now)));
    if (wait === 0) for (const [limiter, key] of on) limiter.record(key, now);
    return wait;
  },
};

/** Each counter's name, which keeps its rows apart from the others' in the shared table. */
const names = new Map<object, string>([...Object.entries(limits), ...Object.entries(signInFailures)].map(([name, counter]) => [counter, name]));

/** Moved by resetRateLimits (tests): the keys written before it are no longer read. Empty in every server process. */
let namespace = "";
let resets = 0;

/** Pruning of expired rows: at most once a minute per database handle, by whichever write comes. */
const prunedAt = new WeakMap<object, number>();
const pruneEveryMs = 60_000;

/**
 * PostgreSQL: the rate_limits table (db/schema/pg.ts), shared by every instance on the database.
 * - Failure counters: one row per key, counted by a single INSERT … ON CONFLICT DO UPDATE, which PostgreSQL runs
 *   atomically per row (concurrent failures from several instances all count); a streak past its quiet spell
 *   restarts at 1, as FailureCounter.record does.
 * - Windows: the most recent `limit` attempt times of the key (all the rule ever reads). An attempt locks its rows
 *   (an upsert that changes nothing but returns the row), decides, and records in the same transaction, so two
 *   instances cannot both take the last place. Rows are locked in key order: no deadlock between attempts that
 *   share a key.
 * Keys are hashed: the table holds no account or address in clear.
 */
class PostgresStore implements Store {
  constructor(private readonly db: PostgresDb) {}

  private key(counter: object, key: string) {
    return createHash("sha256").update(`${namespace}\n${names.get(counter) ?? "?"}\n${key}`).digest("hex").slice(0, 32);
  }

  private async rows<T>(query: SQL, db: PostgresDb = this.db) {
    return (await db.execute(query)) as unknown as T[];
  }

  private async prune(now: number) {
    const at = prunedAt.get(this.db);
    if (at !== undefined && Math.abs(Date.now() - at) < pruneEveryMs) return;
    prunedAt.set(this.db, Date.now());
    await this.db.execute(sql`delete from rate_limits where expires_at <= ${now}`);
  }

  async failures(on: On<FailureCounter>[], now: number) {
    const keys = on.map(([counter, key]) => this.key(counter, key));
    const rows = await this.rows<{ key: string; count: number; last_at: number }>(
      sql`select key, count, last_at from rate_limits where key in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)}) and expires_at > ${now}`,
    );
    const found = new Map(rows.map((row) => [row.key, { count: row.count, last: row.last_at }]));
    return keys.map((k) => found.get(k));
  }

  async recordFailures(on: On<FailureCounter>[], now: number) {
    const values = on.map(([counter, key]) => sql`(${this.key(counter, key)}, 1, ${now}, ${now + counter.quietMs})`);
    await this.db.execute(sql`
      insert into rate_limits (key, count, last_at, expires_at) values ${sql.join(values, sql`, `)}
      on conflict (key) do update set
        count = case when rate_limits.expires_at > excluded.last_at then rate_limits.count + 1 else 1 end,
        last_at = excluded.last_at,
        expires_at = excluded.expires_at`);
    await this.prune(now);
  }

  async forgetFailures(on: On<FailureCounter>[]) {
    const keys = on.map(([counter, key]) => sql`${this.key(counter, key)}`);
    await this.db.execute(sql`delete from rate_limits where key in (${sql.join(keys, sql`, `)})`);
  }

  async retryAfter([limiter, key]: On<RateLimiter>, now: number) {
    const [row] = await this.rows<{ hits: string | null }>(sql`select hits from rate_limits where key = ${this.key(limiter, key)}`);
    return windowWait(JSON.parse(row?.hits ?? "[]") as number[], limiter, now);
  }

  async attempt(on: On<RateLimiter>[], now: number) {
    const entries = on.map(([limiter, key]) => ({ limiter, key: this.key(limiter, key) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const wait = await this.db.transaction(async (tx) => {
      const locked = await this.rows<{ key: string; hits: string | null }>(
        sql`insert into rate_limits (key, count, last_at, hits, expires_at) values ${sql.join(
          entries.map((e) => sql`(${e.key}, 0, 0, '[]', 0)`),
          sql`, `,
        )} on conflict (key) do update set count = rate_limits.count returning key, hits`,
        tx as unknown as PostgresDb,
      );
      const hitsOf = new Map(locked.map((row) => [row.key, JSON.parse(row.hits ?? "[]") as number[]]));
      const recent = entries.map((e) => (hitsOf.get(e.key) ?? []).filter((t) => now - t < e.limiter.windowMs));
      const longest = Math.max(0, ...entries.map((e, i) => windowWait(recent[i]!, e.limiter, now)));
      if (longest > 0) return longest;
      const values = entries.map((e, i) => {
        const hits = [...recent[i]!, now].slice(-e.limiter.limit);
        return sql`(${e.key}, ${hits.length}, ${now}, ${JSON.stringify(hits)}, ${Math.max(...hits) + e.limiter.windowMs})`;
      });
      await tx.execute(sql`
        insert into rate_limits (key, count, last_at, hits, expires_at) values ${sql.join(values, sql`, `)}
        on conflict (key) do update set count = excluded.count, last_at = excluded.last_at, hits = excluded.hits, expires_at = excluded.expires_at`);
      return 0;
    });
    await this.prune(now);
    return wait;
  }
}

const postgresStores = new WeakMap<object, PostgresStore>();

/** The store for this database handle: memory on SQLite, its rate_limits table on PostgreSQL. */
function storeOf(db: Db): Store {
  if (!isPostgres(db)) return memoryStore;
  let store = postgresStores.get(db);
  if (!store) postgresStores.set(db, (store = new PostgresStore(db as unknown as PostgresDb)));
  return store;
}

/** A failure counter's count and last failure for a key, as the engine's store has it (tests, diagnostics). */
export async function failuresOf(db: Db, counter: FailureCounter, key: string, now = Date.now()) {
  return (await storeOf(db).failures([[counter, key]], now))[0];
}

/** A window's wait in seconds for a key, without counting an attempt. */
export async function retryAfter(db: Db, limiter: RateLimiter, key: string, now = Date.now()) {
  return storeOf(db).retryAfter([limiter, key], now);
}

/**
 * One attempt against these windows: the longest wait in seconds, or 0 — then it is counted in every one of them.
 * A refused attempt is not counted. Atomic on either engine, across instances on PostgreSQL.
 */
export async function attemptWithin(db: Db, on: On<RateLimiter>[], now = Date.now()) {
  return storeOf(db).attempt(on, now);
}

/** The wait in seconds before a sign-in for this account from this address may be tried, or 0. */
export async function signInWait(db: Db, account: string, address: string, now = Date.now()) {
  const key = accountKey(account);
  const [own, all, fromAddress] = await storeOf(db).failures(
    [
      [signInFailures.perAccountAddress, pairKey(key, address)],
      [signInFailures.perAccount, key],
      [signInFailures.perAddress, address],
    ],
    now,
  );
  const accountUntil = own && all ? own.last + backoffMs(all.count, signInPolicy.account) : 0;
  const addressUntil = fromAddress ? fromAddress.last + backoffMs(fromAddress.count, signInPolicy.address) : 0;
  return Math.max(0, Math.ceil((Math.max(accountUntil, addressUntil) - now) / 1000));
}

export async function recordSignInFailure(db: Db, account: string, address: string, now = Date.now()) {
  const key = accountKey(account);
  await storeOf(db).recordFailures(
    [
      [signInFailures.perAccount, key],
      [signInFailures.perAccountAddress, pairKey(key, address)],
      [signInFailures.perAddress, address],
    ],
    now,
  );
}

/**
 * A correct password from this address: its own failures for the account are forgotten. The account's count
 * from other addresses and the address's count are kept (an attacker's own account must not reset them).
 */
export async function recordSignInSuccess(db: Db, account: string, address: string) {
  await storeOf(db).forgetFailures([[signInFailures.perAccountAddress, pairKey(accountKey(account), address)]]);
}

/** Counts a sign-up attempt and returns the wait in seconds if it is over the limit (then it is not counted). */
export async function signUpWait(db: Db, account: string, address: string, now = Date.now()) {
  return attemptWithin(
    db,
    [
      [limits.signUpsPerAccount, account.toLowerCase()],
      [limits.signUpsPerAddress, address],
    ],
    now,
  );
}

/**
 * Forgets every count (tests that make many sign-ups on purpose start from zero): the memory counters are
 * cleared, and on PostgreSQL this process reads and writes new keys from now on (at once, without a query, so
 * a call that is not awaited still takes effect; the old rows expire and are pruned). Another process does not
 * see this process's keys after a reset: a test that shares counts with a child process must not reset.
 */
export function resetRateLimits() {
  for (const limiter of Object.values(limits)) limiter.clear();
  for (const counter of Object.values(signInFailures)) counter.clear();
  namespace = `reset ${++resets}`;
}
