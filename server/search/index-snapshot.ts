import { randomUUID } from "node:crypto";
import { eq, ne, sql } from "drizzle-orm";
import type { Db, PostgresDb } from "../../db/create";
import { searchIndexSnapshots } from "../../db/schema";
import { postingKinds } from "../../db/schema-enums";
import { isPostgres } from "../../db/transaction";
import { env } from "../env";
import { retentionMinutes } from "./change-feed";
import type { PostingIndex, SnapshotField } from "./posting-index";

/**
 * Snapshots of the posting index on PostgreSQL (issue 17, item 3: an instance ready in seconds). Reading a million
 * postings takes half a minute; reading the index as it stood a few minutes ago takes a few seconds, and the change
 * feed brings it up to date from the checkpoint it was taken at (the outbox keeps `retentionMinutes` of changes).
 * One instance at a time writes a snapshot (a try-lock), after its load and then every `everyMs`; an instance
 * starting restores the newest one young enough for the outbox to still hold every change since, and loads from
 * the postings otherwise (no snapshot yet, too old, written by an index of another shape, or unreadable).
 *
 * SQLite runs one process, whose restart reads the file it already has: no snapshots there.
 */

/** Bumped when the meaning of a field changes without its name or kind changing. */
const format = 1;
/** Advisory lock key of the snapshot writer ("SNAP"): one writer at a time, never blocking the app's writers. */
const writerLockKey = 0x534e4150;

export const snapshotPolicy = {
  /** Smaller indexes load in well under a second: no snapshot is worth its writing. */
  minPostings: 20_000,
  /** How often one of the instances writes a fresh snapshot. */
  everyMs: 5 * 60_000,
  /** A snapshot older than this is not restored: the outbox may no longer hold every change since (2 minutes' margin). */
  maxAgeMs: (retentionMinutes - 2) * 60_000,
  /** Bytes per stored part (one bytea each). */
  partBytes: 8 * 2 ** 20,
};

interface Header {
  format: number;
  kinds: readonly string[];
  fields: SnapshotField[];
  checkpoint: unknown;
  bytes: number;
  parts: number;
  postings: number;
}

/** Snapshots are for a pooled PostgreSQL handle (not a transaction's, as the tests' throwaway copies are), unless switched off. */
function snapshotsFor(db: Db): PostgresDb | null {
  if (!isPostgres(db) || env().SEARCH_INDEX_SNAPSHOTS === "off") return null;
  const pg = db as unknown as PostgresDb;
  return typeof (pg.$client as Partial<PostgresDb["$client"]> | undefined)?.listen === "function" ? pg : null;
}

/** The index for a database: restored from a fitting snapshot when there is one, else loaded; then kept in snapshots. */
export async function loadWithSnapshots(db: Db, Index: typeof PostingIndex): Promise<PostingIndex> {
  let index: PostingIndex | null = null;
  if (snapshotsFor(db)) {
    try {
      index = await restoreSnapshot(db, Index);
    } catch (error) {
      console.error("search index: the snapshot could not be restored, loading from the postings instead:", briefly(error));
    }
  }
  index ??= await Index.load(db);
  keepSnapshots(db, index);
  return index;
}

/** The newest snapshot's header and age, if any. */
async function newestSnapshot(db: Db) {
  const [row] = await db
    .select({ snapshotId: searchIndexSnapshots.snapshotId, header: searchIndexSnapshots.header, ageMs: sql<number>`(extract(epoch from now() - ${searchIndexSnapshots.createdAt}) * 1000)::int8` })
    .from(searchIndexSnapshots)
    .where(eq(searchIndexSnapshots.part, 0))
    .orderBy(sql`${searchIndexSnapshots.createdAt} desc`)
    .limit(1);
  return row ?? null;
}

/** The index from the newest snapshot, or null when none fits (none, too old, another format or shape of index). */
export async function restoreSnapshot(db: Db, Index: typeof PostingIndex): Promise<PostingIndex | null> {
  // A database that does not answer: the load that follows meets it too, and its failure is the one reported.
  const unanswered = <T>(read: Promise<T>) => read.catch(() => null);
  const newest = await unanswered(newestSnapshot(db));
  if (!newest?.header || newest.ageMs > snapshotPolicy.maxAgeMs) return null;
  const header = JSON.parse(newest.header) as Header;
  if (header.format !== format || JSON.stringify(header.kinds) !== JSON.stringify(postingKinds)) return null;
  const rows = await unanswered(
    db.select({ data: searchIndexSnapshots.data }).from(searchIndexSnapshots).where(eq(searchIndexSnapshots.snapshotId, newest.snapshotId)).orderBy(searchIndexSnapshots.part),
  );
  if (!rows) return null;
  // Pruned by another instance's newer snapshot while this one read: load instead.
  if (rows.length !== header.parts) return null;
  const data = Buffer.concat(rows.map((r) => r.data));
  if (data.length !== header.bytes) return null;
  return Index.fromSnapshot(db, header.fields, data, header.checkpoint);
}

/**
 * Writes a snapshot of `index` unless another instance is writing one; the older snapshots go in the same
 * transaction. Returns the new snapshot's id, or null when another writer held the lock.
 */
export async function writeSnapshot(db: Db, index: PostingIndex): Promise<string | null> {
  const pg = db as unknown as PostgresDb;
  const snapshot = await index.snapshot();
  const data = Buffer.concat(snapshot.parts);
  const parts = Math.max(1, Math.ceil(data.length / snapshotPolicy.partBytes));
  const header: Header = { format, kinds: postingKinds, fields: snapshot.fields, checkpoint: snapshot.feed, bytes: data.length, parts, postings: index.count };
  const snapshotId = randomUUID();
  const written = await pg.transaction(async (tx) => {
    const [lock] = (await tx.execute(sql`select pg_try_advisory_xact_lock(${writerLockKey}) as "got"`)) as unknown as { got: boolean }[];
    if (!lock?.got) return false;
    const runner = tx as unknown as Db;
    for (let part = 0; part < parts; part++) {
      const chunk = data.subarray(part * snapshotPolicy.partBytes, (part + 1) * snapshotPolicy.partBytes);
      await runner.insert(searchIndexSnapshots).values({ snapshotId, part, header: part === 0 ? JSON.stringify(header) : null, data: chunk });
    }
    await runner.delete(searchIndexSnapshots).where(ne(searchIndexSnapshots.snapshotId, snapshotId));
    return true;
  });
  return written ? snapshotId : null;
}

const kept = new WeakMap<object, { index: WeakRef<PostingIndex> }>();

/**
 * Keeps a snapshot of a database's index (the one given last: a compaction hands over the rebuilt one) at most
 * `everyMs` old while this process runs: one soon after the load when the newest is older than that (or missing),
 * then a look every `everyMs` (another instance may have written one meanwhile). The timer keeps nothing alive.
 */
export function keepSnapshots(db: Db, index: PostingIndex) {
  if (!snapshotsFor(db)) return;
  const existing = kept.get(db);
  if (existing) {
    existing.index = new WeakRef(index);
    return;
  }
  const state = { index: new WeakRef(index) };
  kept.set(db, state);
  const due = async (current: PostingIndex) => {
    if (current.count < snapshotPolicy.minPostings) return;
    const newest = await newestSnapshot(db);
    if (newest && newest.ageMs < snapshotPolicy.everyMs * 0.9) return;
    await writeSnapshot(db, current);
  };
  const run = () => {
    const current = state.index.deref();
    if (!current) return clearInterval(timer);
    due(current).catch((error: { code?: string }) => {
      if (error?.code === "CONNECTION_ENDED") return clearInterval(timer);
      console.error("search index: writing a snapshot failed:", briefly(error));
    });
  };
  const timer = setInterval(run, snapshotPolicy.everyMs);
  timer.unref?.();
  setTimeout(run, 0).unref?.();
}

/** An error in a line: a failed query's message carries its parameters, here megabytes of snapshot. */
function briefly(error: unknown): string {
  const cause = (error as { cause?: unknown })?.cause;
  const message = cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
  return message.slice(0, 300);
}
