/**
 * A separate process that races others for one thing on one database (tests/integration/races.test.ts): a
 * SQLite file opened by path, or a PostgreSQL test database by URL through a pool of its own, as another server
 * instance would. Started once with IPC and kept alive across rounds; each round the parent sends one call, made
 * as the browser makes it (tRPC's fetch adapter, so the error formatter runs and a 500 is a 500):
 *   { type: "init", database: { file } | { url }, clockOffsetMs } → { type: "ready" }
 *   { type: "race", round, gate, call }                    → { type: "result", round, ... }
 * `gate` is a barrier file: the round's transaction (the first one the call opens) appends a byte to it and
 * waits until every racer has done so, then all BEGIN at once; each reports when its transaction began and
 * ended (process.hrtime, one monotonic clock for every process on the machine) so the test can show they overlapped.
 */
import fs from "node:fs";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { sql } from "drizzle-orm";
import superjson from "superjson";
import { connectPostgresDb, createSqliteDb, type Db, type PostgresDb, type SqliteDb } from "../../db/create";
import type { Locale } from "../../server/i18n/messages";
import { appRouter } from "../../server/root";
import { createContext } from "../../server/trpc";

/** One procedure call as a signed-in user (or anonymous, from its own address), answered in `locale`. */
export interface RaceCall {
  path: string;
  input: unknown;
  userId: string | null;
  locale: Locale;
  address?: string;
}

/** Where the racers meet: a SQLite file, or a PostgreSQL database (the worker's DATABASE_URL must be a postgres:// URL
 * too, so that db/schema/index.ts hands out PostgreSQL's tables). */
export type RaceDatabase = { file: string } | { url: string };

export type ToWorker = { type: "init"; database: RaceDatabase; clockOffsetMs: number } | { type: "race"; round: number; gate: { file: string; parties: number }; call: RaceCall };

export interface RaceResult {
  type: "result";
  round: number;
  status: number;
  /** The answer's data on success, the formatted error ({ message, data: { code, fieldErrors, violations } }) otherwise. */
  body: unknown;
  /** The round's transaction in microseconds of the shared monotonic clock; null if the call never opened one. */
  tx: { begin: number; end: number } | null;
  /** False when the barrier gave up waiting for the others (the round then proves nothing about overlap). */
  gateMet: boolean | null;
  /** What a server error was underneath (e.g. SQLITE_BUSY_SNAPSHOT, PostgreSQL's 40P01), which the answer itself never reveals. */
  cause: string | null;
}
export type FromWorker = { type: "ready" } | RaceResult;

const nowUs = () => Number(process.hrtime.bigint() / 1000n);
const pause = new Int32Array(new SharedArrayBuffer(4));

/** Waits, without holding the core the other racers need, until `parties` bytes are in the gate file. */
function meetAt(gate: { file: string; parties: number }): boolean {
  fs.appendFileSync(gate.file, "x");
  const deadline = Date.now() + 3000;
  while (fs.statSync(gate.file).size < gate.parties) {
    if (Date.now() > deadline) return false;
    Atomics.wait(pause, 0, 0, 0.05);
  }
  return true;
}

/**
 * The parent's clock when it runs the suite at another date (FAKE_TODAY): dates it wrote (an invitation's
 * expiry, a posting's dates) are read here against the same today.
 */
function shiftClock(offsetMs: number) {
  if (!offsetMs) return;
  const RealDate = Date;
  class ShiftedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + offsetMs);
      else super(...(args as [string]));
    }
    static override now() {
      return RealDate.now() + offsetMs;
    }
  }
  globalThis.Date = ShiftedDate as DateConstructor;
}

let db: Db;
let armed: { file: string; parties: number } | null = null;
let span: RaceResult["tx"] = null;
let gateMet: boolean | null = null;

/**
 * SQLite: every transaction of this process begins and ends here: db/transaction.ts opens SQLite transactions
 * with the connection's exec (BEGIN IMMEDIATE … COMMIT / ROLLBACK; nested ones are savepoints, run otherwise).
 * Only the round's first transaction waits at the barrier, and its span runs from BEGIN (which waits for the
 * file's write lock) to its end.
 */
function instrumentSqlite(target: SqliteDb) {
  const client = target.$client;
  const exec = client.exec.bind(client);
  let open: { begin: number } | null = null;
  client.exec = (source: string) => {
    const statement = source.trim().toUpperCase();
    if (statement.startsWith("BEGIN") && armed) {
      const gate = armed;
      armed = null;
      gateMet = meetAt(gate);
      open = { begin: nowUs() };
    }
    try {
      return exec(source);
    } finally {
      if (open && (statement === "COMMIT" || statement === "ROLLBACK")) {
        span = { begin: open.begin, end: nowUs() };
        open = null;
      }
    }
  };
}

/**
 * PostgreSQL: every top-level transaction of this process is the pool's drizzle `transaction()` called by
 * db/transaction.ts (nested ones are the open transaction's own savepoints, not this). The round's first one
 * waits at the barrier before it BEGINs, so the racers' connections all open their transactions at once and queue
 * on the "write" mode's advisory lock (pg_advisory_xact_lock, the first statement inside); its span runs from
 * when BEGIN has been answered (the transaction is open on the server) to the end of COMMIT / ROLLBACK, the
 * wait for the lock included, as SQLite's includes BEGIN IMMEDIATE's wait for the file's write lock.
 */
function instrumentPostgres(target: PostgresDb) {
  const transaction = target.transaction.bind(target);
  target.transaction = async (body, config) => {
    if (!armed) return transaction(body, config);
    const gate = armed;
    armed = null;
    gateMet = meetAt(gate);
    let begin: number | null = null;
    try {
      return await transaction(async (tx) => {
        begin = nowUs();
        return body(tx);
      }, config);
    } finally {
      if (begin !== null) span = { begin, end: nowUs() };
    }
  };
}

async function open(database: RaceDatabase): Promise<Db> {
  if ("file" in database) {
    const sqlite = createSqliteDb(database.file);
    instrumentSqlite(sqlite);
    return sqlite;
  }
  // A pool of its own, as each server instance has; connected now, so that round 0 does not race the handshake.
  const pg = connectPostgresDb(database.url, { max: 4 });
  await pg.execute(sql`select 1`);
  instrumentPostgres(pg);
  return pg as unknown as Db;
}

async function run(call: RaceCall) {
  let cause: string | null = null;
  const req = new Request(`http://localhost/api/trpc/${call.path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(superjson.serialize(call.input)) });
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createContext({ db, userId: call.userId, locale: call.locale, address: call.address }),
    onError({ error }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        const inner = error.cause as { code?: string; message?: string } | undefined;
        cause = inner?.code ?? inner?.message ?? error.message;
      }
    },
  });
  const json = (await res.json()) as { result?: { data: { json: unknown } }; error?: { json: unknown } };
  return { status: res.status, body: json.result ? json.result.data.json : json.error?.json, cause };
}

process.on("message", (message: ToWorker) => {
  void (async () => {
    if (message.type === "init") {
      shiftClock(message.clockOffsetMs);
      db = await open(message.database);
      process.send!({ type: "ready" } satisfies FromWorker);
      return;
    }
    armed = message.gate;
    span = null;
    gateMet = null;
    const outcome = await run(message.call);
    // Refused before its transaction: still count at the barrier, so the others do not wait for nothing.
    if (armed) fs.appendFileSync(armed.file, "x");
    armed = null;
    process.send!({ type: "result", round: message.round, ...outcome, tx: span, gateMet } satisfies FromWorker);
  })();
});
