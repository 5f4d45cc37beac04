import { sql } from "drizzle-orm";
import type { Db, PostgresDb } from "../../db/create";
import { wroteWithin } from "../../db/local-writes";
import { postingColumnNames, type PostingRow } from "./source";

/**
 * The posting change feed on PostgreSQL (table posting_changes, drizzle/pg/0003_change_feed_custom.sql): every
 * write to postings leaves (posting rowid, writer's transaction id) in the same transaction. Each index reads the
 * rows past its own cursor, but only rows of transactions below its snapshot's xmin — transactions that have all
 * ended — so a transaction that commits late is read once it commits, never skipped: an id or updated_at cursor
 * moves past such a row before it becomes visible (ids and times are taken before commit; commits come out of
 * order). Woken by LISTEN posting_changes (a NOTIFY per writing transaction, at commit) and by a poll every second
 * in case a notification is lost (reconnects: postgres.js calls onlisten again, and the index catches up then).
 */

/** A cursor position: rows after (xid, id) in (xid, id) order. xid8 as its decimal text (it may pass 2^53). */
interface Position {
  xid: string;
  id: number;
}

export interface FeedCheckpoint {
  xid: string;
  id: number;
  appliedUnsettled: number[];
}

/** What the feed keeps fresh: the posting index (held weakly, so a dropped index stops being refreshed). */
export interface Refreshable {
  refresh(db: Db): Promise<void>;
}

/** Outbox rows per read; a read goes on until it has every committed row. */
const batch = 5000;

/**
 * One index's cursor on the feed. `read` gives the current row of every posting changed since the previous read
 * (or since the load's snapshot), in the shape of PostgresPostingSource's rows; a posting deleted since comes as a
 * row of its rowid alone with status "deleted" (the index drops it).
 */
export class PostingChangeFeed {
  private position: Position;
  /** Changes past the cursor already applied but not yet settled (their transactions' horizon not passed). */
  private appliedUnsettled: Set<number>;

  /**
   * `from`: where the feed starts — after a load, the xmin of the load's snapshot (every transaction below it is in
   * the load) with nothing applied past it; after a restore, the snapshot's checkpoint.
   */
  constructor(
    private readonly db: PostgresDb,
    private readonly readRows: (rowids: number[]) => Promise<PostingRow[]>,
    from: FeedCheckpoint,
  ) {
    this.position = { xid: from.xid, id: from.id };
    this.appliedUnsettled = new Set(from.appliedUnsettled);
  }

  /** Where the feed stands: the settled position and the changes past it already applied. */
  checkpoint(): FeedCheckpoint {
    return { xid: this.position.xid, id: this.position.id, appliedUnsettled: [...this.appliedUnsettled] };
  }

  async read(): Promise<PostingRow[]> {
    const rowids = new Set<number>();
    // Every change visible now is applied — this instance sees its own writes at once, whatever else is open on
    // the server — but the cursor only moves over changes below the snapshot's xmin ("settled"): a transaction
    // still open may yet commit a change that sorts before them. Changes past the horizon are read again next time
    // and skipped when already applied; applying one twice would be harmless anyway (the posting's current row).
    let scan: Position = this.position;
    let settledTo: Position | null = null;
    let unsettledSeen = false;
    for (;;) {
      const changes = (await this.db.execute(
        sql`select xid::text as xid, id, posting_rowid, xid < pg_snapshot_xmin(pg_current_snapshot()) as settled from posting_changes
            where (xid, id) > (${scan.xid}::xid8, ${scan.id}::int8)
            order by xid, id limit ${batch}`,
      )) as unknown as { xid: string; id: number; posting_rowid: number; settled: boolean }[];
      for (const c of changes) {
        if (c.settled && !unsettledSeen) settledTo = { xid: c.xid, id: c.id };
        else unsettledSeen = true;
        if (!this.appliedUnsettled.has(c.id)) rowids.add(c.posting_rowid);
        if (!c.settled) this.appliedUnsettled.add(c.id);
        else this.appliedUnsettled.delete(c.id);
      }
      const last = changes.at(-1);
      if (last) scan = { xid: last.xid, id: last.id };
      if (changes.length < batch) break;
    }
    if (settledTo) this.position = settledTo;
    if (rowids.size === 0) return [];
    // The rows as they are now (possibly newer than the changes read: the index skips a row it already holds).
    const rows = await this.readRows([...rowids]);
    for (const r of rows) rowids.delete(r[0] as number);
    return [...[...rowids].map(goneRow), ...rows];
  }

  /** The transaction position the cursor has reached (for tests and diagnostics). */
  get cursor(): Readonly<Position> {
    return this.position;
  }

  /** Refreshes `target` whenever another process may have changed postings (LISTEN, and the poll). */
  keepFresh(target: Refreshable) {
    // A transaction's handle (the tests' throwaway copies) has no connection pool of its own and ends with the
    // transaction: nothing to listen on, and searches' refreshes still read the feed.
    if (typeof (this.db.$client as Partial<PostgresDb["$client"]> | undefined)?.listen !== "function") return;
    this.watcher = watcherFor(this.db);
    this.watcher.follow(target);
  }

  private watcher: ChangeWatcher | null = null;

  /**
   * A query reads the feed first only while this process has written recently (its user expects to see the write
   * at once; other instances see it within the LISTEN delay, or the poll's second) or while nothing listens: the
   * rest of the time the watcher has applied every change already, and a search saves the round trip.
   */
  mustReadBeforeQuery(): boolean {
    return !this.watcher?.isListening() || wroteWithin(PostingChangeFeed.readAfterLocalWriteMs);
  }

  /** How long after this process's last write (or commit) every query still reads the feed first. */
  static readAfterLocalWriteMs = 5000;
}

/** Outbox rows kept this long, then pruned by the poller (see ChangeWatcher.prune). */
export const retentionMinutes = 10;

interface Follower {
  target: WeakRef<Refreshable>;
  running: boolean;
  again: boolean;
}

/**
 * One per database handle: one LISTEN connection and one poll timer for every index on it. A wake-up refreshes each
 * following index, one refresh at a time per index (wake-ups during a refresh fold into one more).
 */
class ChangeWatcher {
  static pollMs = 1000;
  static pruneEveryMs = 60_000;
  private readonly followers = new Set<Follower>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private listening: Promise<void> | null = null;
  private lastPrune = 0;
  private stopped = false;

  constructor(private readonly db: PostgresDb) {}

  follow(target: Refreshable) {
    this.followers.add({ target: new WeakRef(target), running: false, again: false });
    this.stopped = false;
    if (!this.timer) {
      this.timer = setInterval(() => this.tick(), ChangeWatcher.pollMs);
      // The poll must not keep a script or a test process alive on its own.
      this.timer.unref?.();
    }
    this.listen();
  }

  private listen() {
    if (this.listening || this.stopped) return;
    this.listening = this.db.$client
      // onlisten runs after every (re)connection: changes committed while disconnected sent no notification.
      .listen("posting_changes", () => this.wake(), () => this.wake())
      .then((meta) => {
        this.unlisten = () => meta.unlisten();
      })
      .catch(() => {
        // Not listening (the database is unreachable): the poll goes on and tries again.
        this.listening = null;
      });
  }

  /** LISTEN is established (notifications arrive) and the watcher has not stopped. */
  isListening(): boolean {
    return this.unlisten !== null && !this.stopped;
  }

  wake() {
    for (const f of this.followers) this.run(f);
  }

  private run(f: Follower) {
    const target = f.target.deref();
    if (!target) {
      this.followers.delete(f);
      return;
    }
    if (f.running) {
      f.again = true;
      return;
    }
    f.running = true;
    target
      .refresh(this.db as unknown as Db)
      .catch((error: { code?: string }) => {
        if (error?.code === "CONNECTION_ENDED") this.stop();
      })
      .finally(() => {
        f.running = false;
        if (f.again && !this.stopped) {
          f.again = false;
          this.run(f);
        }
      });
  }

  private tick() {
    this.wake();
    if (this.followers.size === 0) return this.stop();
    this.listen();
    if (Date.now() - this.lastPrune >= ChangeWatcher.pruneEveryMs) {
      this.lastPrune = Date.now();
      prunePostingChanges(this.db).catch((error: { code?: string }) => {
        if (error?.code === "CONNECTION_ENDED") this.stop();
      });
    }
  }

  /** No index follows any more, or the pool was closed: no timer, no LISTEN connection left behind. */
  private stop() {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.followers.clear();
    const unlisten = this.unlisten;
    this.unlisten = null;
    this.listening = null;
    unlisten?.().catch(() => {});
  }
}

const watchers = new WeakMap<object, ChangeWatcher>();

function watcherFor(db: PostgresDb): ChangeWatcher {
  let watcher = watchers.get(db);
  if (!watcher) watchers.set(db, (watcher = new ChangeWatcher(db)));
  return watcher;
}

/**
 * Deletes outbox rows older than `retentionMinutes`, at most `limit` per call (the poller calls it once a minute);
 * returns how many. The trade-off of pruning by age alone (no registry of readers): an instance whose cursor is
 * further behind than that (unreachable database for ten minutes, a process paused that long), or a writing
 * transaction open longer than that (its rows carry its start time), can miss changes — such an index must be
 * reloaded. In exchange nothing records who reads, and a dead instance holds nothing back.
 */
export async function prunePostingChanges(db: PostgresDb, { olderThanMinutes = retentionMinutes, limit = 10_000 } = {}): Promise<number> {
  const rows = (await db.execute(
    sql`delete from posting_changes where id = any(array(
          select id from posting_changes where at < now() - make_interval(mins => ${olderThanMinutes}) order by at limit ${limit}))
        returning id`,
  )) as unknown as unknown[];
  return rows.length;
}

/** A deleted posting's row: its rowid, status "deleted" (not admitted) and an updated_at no row has. */
function goneRow(rowid: number): PostingRow {
  const row: PostingRow = Array(postingColumnNames.length).fill(null);
  row[postingColumnNames.indexOf("rowid")] = rowid;
  row[postingColumnNames.indexOf("id")] = "";
  row[postingColumnNames.indexOf("status")] = "deleted";
  row[postingColumnNames.indexOf("updated_at")] = -1;
  return row;
}
