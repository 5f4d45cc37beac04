import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/create";
import { onEngine, rawRun } from "../../db/sql";
import { isProcessDb } from "../db";
import { chinaDateOf } from "../schemas/accounts";
import type { FunnelSource } from "./sources";

/** Increments waiting for the next flush, per posting, day and source. */
interface Pending {
  impressions: number;
  views: number;
}

export interface FunnelBufferOptions {
  /** Flush this long after the first increment since the last flush (ms); null: only on flush() or at maxRows. */
  intervalMs?: number | null;
  /** Flush at once when this many distinct (posting, day, source) rows are waiting: one statement holds them all. */
  maxRows?: number;
}

/** Failed flushes in a row after which the waiting increments are dropped (with a warning) rather than held without bound. */
const maxAttempts = 3;

/**
 * Impressions and views of postings, counted in memory and written as ONE multi-row additive upsert into
 * funnel_daily per flush: a search adds a few map updates, never a write of its own. Every instance flushes its own
 * increments (`impressions = funnel_daily.impressions + excluded.impressions`), so several instances on one
 * PostgreSQL database add up exactly, in any order. A process that stops loses at most its last second of counts.
 */
export class FunnelBuffer {
  private pending = new Map<string, Pending>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private failures = 0;
  private readonly intervalMs: number | null;
  private readonly maxRows: number;
  /** Statements and rows written so far (the bench and the tests read them). */
  readonly written = { statements: 0, rows: 0 };

  constructor(
    private readonly db: Db,
    options: FunnelBufferOptions = {},
  ) {
    this.intervalMs = options.intervalMs === undefined ? 1000 : options.intervalMs;
    this.maxRows = options.maxRows ?? 2000;
  }

  /** Counts one impression of each posting (one rendered result list), now. */
  addImpressions(postingIds: readonly string[], source: FunnelSource, at = Date.now()) {
    const day = chinaDateOf(at);
    for (const id of postingIds) this.bump(`${id}|${day}|${source}`, 1, 0);
    this.schedule();
  }

  /** Counts one view of a posting's page, now. */
  addView(postingId: string, source: FunnelSource, at = Date.now()) {
    this.bump(`${postingId}|${chinaDateOf(at)}|${source}`, 0, 1);
    this.schedule();
  }

  /** Rows waiting for the next flush. */
  get size() {
    return this.pending.size;
  }

  /** Writes everything counted so far; resolves once it is in the database (or has failed and been kept for later). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // One flush at a time per buffer: a flush started meanwhile takes what arrived after the running one took its rows.
    this.flushing = this.flushing.then(() => this.writePending());
    return this.flushing;
  }

  private bump(key: string, impressions: number, views: number) {
    const row = this.pending.get(key);
    if (row) {
      row.impressions += impressions;
      row.views += views;
    } else {
      this.pending.set(key, { impressions, views });
    }
  }

  private schedule() {
    if (this.pending.size >= this.maxRows) {
      void this.flush();
      return;
    }
    if (this.timer || this.intervalMs === null) return;
    this.timer = setTimeout(() => void this.flush(), this.intervalMs);
    // Never keeps a process (a script, a test run) alive for the sake of counters.
    this.timer.unref?.();
  }

  private async writePending() {
    if (this.pending.size === 0) return;
    const taken = this.pending;
    this.pending = new Map();
    try {
      await rawRun(this.db, upsertStatement(this.db, taken));
      this.written.statements += 1;
      this.written.rows += taken.size;
      this.failures = 0;
    } catch (error) {
      // The database was closed (a script's or a test's, done with): the counts have nowhere to go.
      if (databaseClosed(this.db, error)) return;
      this.failures += 1;
      if (this.failures < maxAttempts) {
        // Put the increments back for the next flush; they add to whatever arrived meanwhile.
        for (const [key, row] of taken) this.bump(key, row.impressions, row.views);
        this.schedule();
      } else {
        this.failures = 0;
      }
      // A warning, not an error: counters are analytics, and a lost flush must never fail a search or a page.
      console.warn(`funnel flush failed (${taken.size} rows${this.failures === 0 ? ", dropped" : ", kept for the next flush"}):`, error instanceof Error ? error.message : error);
    }
  }
}

/**
 * One INSERT adding to the stored counts, its rows passed as ONE JSON parameter: the statement's text is the same
 * whatever the batch size (prepared once, no thousands of parameters to bind). SQLite reads the array with
 * json_each, PostgreSQL with jsonb_to_recordset.
 */
function upsertStatement(db: Db, rows: Map<string, Pending>): SQL {
  const batch = JSON.stringify([...rows].map(([key, row]) => [...key.split("|"), row.impressions, row.views]));
  const select = onEngine(db, {
    sqlite: sql`SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each(${batch}) WHERE true`,
    postgres: sql`SELECT r->>0, r->>1, r->>2, (r->>3)::integer, (r->>4)::integer FROM jsonb_array_elements(${batch}::jsonb) AS r`,
  });
  return sql`INSERT INTO funnel_daily (posting_id, day, source, impressions, views) ${select}
    ON CONFLICT (posting_id, day, source) DO UPDATE SET impressions = funnel_daily.impressions + excluded.impressions, views = funnel_daily.views + excluded.views`;
}

/** Whether a flush failed because its database is closed for good (SQLite connection closed, PostgreSQL pool ended). */
function databaseClosed(db: Db, error: unknown): boolean {
  const client = (db as unknown as { $client?: { open?: boolean } }).$client;
  if (client?.open === false) return true;
  const codes = [error, error instanceof Error ? error.cause : undefined].map((e) => (e as { code?: unknown } | undefined)?.code);
  return codes.includes("CONNECTION_ENDED");
}

const buffers = new WeakMap<Db, FunnelBuffer>();

/**
 * The process's buffer for a database (one per database, so tests and scripts with their own databases never mix).
 * The server's database flushes every second; any other (a test's, a script's) only on flush() or at the row limit,
 * so that no write lands later, unasked, in a test watching its database for changes.
 */
export function funnelBufferFor(db: Db): FunnelBuffer {
  let buffer = buffers.get(db);
  if (!buffer) buffers.set(db, (buffer = new FunnelBuffer(db, { intervalMs: isProcessDb(db) ? 1000 : null })));
  return buffer;
}
