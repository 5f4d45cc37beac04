import { AsyncLocalStorage } from "node:async_hooks";
import { is, sql } from "drizzle-orm";
import { PgDatabase } from "drizzle-orm/pg-core";
import type { Db, PostgresDb, SqliteDb } from "./create";

/**
 * One way to run a transaction on either engine: `await withTransaction(db, async (tx) => { … })`.
 *
 * - `write` (the default) serialises writers, as the rules that check then write need (the last seat,
 *   an invitation's last use, the 10%/20% caps, an offer's one acceptance): SQLite's BEGIN IMMEDIATE;
 *   on PostgreSQL a transaction-scoped advisory lock taken first, so that every check reads what the
 *   previous writer committed, from any instance. `read` is a consistent snapshot for multi-query reads.
 * - SQLite: drizzle's better-sqlite3 transactions are synchronous (an async callback commits at its first
 *   await), so the transaction is opened and closed here on the one connection, and writers of the same
 *   connection queue behind each other so that no other request's statements land inside it.
 * - Nested calls (a function that opens a transaction, called from inside one) become a savepoint of
 *   the outer transaction; the chain of calls is followed with AsyncLocalStorage, so even a call that
 *   passes the outer `db` instead of `tx` joins the open transaction instead of waiting for it forever.
 *
 * A transaction body must not wait on anything but the database (no network, no timers): on SQLite
 * the connection is the process's only one, and it is held for as long as the body runs.
 */
export type TransactionMode = "write" | "read";

interface Open {
  client: object;
  tx: Db;
  savepoints: number;
  /** Set when the transaction ends: work that outlives it (a promise left running) opens its own. */
  closed: boolean;
}

const current = new AsyncLocalStorage<Open>();
const queues = new WeakMap<object, Promise<unknown>>();

/** PostgreSQL advisory lock key for writers ("EDUB"): one number, so every instance takes the same lock. */
export const writerLockKey = 0x45445542;

export function isPostgres(db: Db): boolean {
  return is(db, PgDatabase);
}

function clientOf(db: Db): object {
  return (db as unknown as { $client?: object }).$client ?? (db as unknown as { session: object }).session;
}

export async function withTransaction<T>(db: Db, body: (tx: Db) => Promise<T>, { mode = "write" }: { mode?: TransactionMode } = {}): Promise<T> {
  const open = current.getStore();
  if (open && !open.closed && (open.tx === db || open.client === clientOf(db))) return savepoint(open, body);
  return isPostgres(db) ? postgresTransaction(db as unknown as PostgresDb, body, mode) : sqliteTransaction(db as unknown as SqliteDb, body, mode);
}

async function postgresTransaction<T>(db: PostgresDb, body: (tx: Db) => Promise<T>, mode: TransactionMode): Promise<T> {
  return db.transaction(
    async (pgTx) => {
      if (mode === "write") await pgTx.execute(sql`select pg_advisory_xact_lock(${writerLockKey})`);
      const open: Open = { client: db.$client, tx: pgTx as unknown as Db, savepoints: 0, closed: false };
      try {
        return await current.run(open, () => body(open.tx));
      } finally {
        open.closed = true;
      }
    },
    mode === "read" ? { isolationLevel: "repeatable read", accessMode: "read only" } : undefined,
  );
}

async function sqliteTransaction<T>(db: SqliteDb, body: (tx: Db) => Promise<T>, mode: TransactionMode): Promise<T> {
  const client = db.$client;
  return exclusively(client, async () => {
    client.exec(mode === "write" ? "BEGIN IMMEDIATE" : "BEGIN");
    const open: Open = { client, tx: db, savepoints: 0, closed: false };
    try {
      const result = await current.run(open, () => body(open.tx));
      client.exec("COMMIT");
      return result;
    } catch (error) {
      if (client.inTransaction) client.exec("ROLLBACK");
      throw error;
    } finally {
      open.closed = true;
    }
  });
}

async function savepoint<T>(open: Open, body: (tx: Db) => Promise<T>): Promise<T> {
  if (isPostgres(open.tx)) {
    // postgres.js remembers a failed statement and throws it again at COMMIT unless the savepoint is its
    // own, so a caught error inside a raw SAVEPOINT would still roll back the outer transaction.
    return (open.tx as unknown as PostgresDb).transaction(async (inner) => {
      const nested: Open = { client: open.client, tx: inner as unknown as Db, savepoints: 0, closed: false };
      try {
        return await current.run(nested, () => body(nested.tx));
      } finally {
        nested.closed = true;
      }
    });
  }
  const tx = open.tx as unknown as SqliteDb;
  const name = sql.raw(`sp_${++open.savepoints}`);
  tx.run(sql`savepoint ${name}`);
  try {
    const result = await body(open.tx);
    tx.run(sql`release savepoint ${name}`);
    return result;
  } catch (error) {
    tx.run(sql`rollback to savepoint ${name}`);
    tx.run(sql`release savepoint ${name}`);
    throw error;
  }
}

/** Runs `task` after every task queued before it on the same key has finished. */
async function exclusively<T>(key: object, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => done);
  queues.set(key, tail);
  await previous;
  try {
    return await task();
  } finally {
    release();
    if (queues.get(key) === tail) queues.delete(key);
  }
}
