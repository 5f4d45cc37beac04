import { sql } from "drizzle-orm";
import type { Db, PostgresDb } from "../../db/create";
import { isPostgres } from "../../db/transaction";
import { getDb } from "../db";

/**
 * Periodic background jobs (webhook deliveries, saved-search alerts, …), run by every server process.
 *
 * On PostgreSQL several instances serve one database: each run first takes a transaction-scoped advisory try-lock
 * keyed by the job's name, and an instance that does not get it skips this round, so one instance at a time runs a
 * job (a try-lock, as the search index's snapshot writer takes, so a job never waits on another instance). The lock's
 * transaction only holds the lock: the job's own queries use the pool and their own transactions, so a job that
 * waits on the network (a webhook receiver) does not hold a writer's transaction open. SQLite is one process: no lock.
 *
 * A failing run is logged and the job runs again at its next time; a run that outlasts `everyMs` is not overlapped
 * (the next run is scheduled when the previous one ends). Timers are unref'd: a job never keeps a process alive.
 */
export interface PeriodicJob {
  /** Unique per job: it keys the lock. */
  name: string;
  everyMs: number;
  run: (db: Db, now: Date) => Promise<void>;
}

/** First key of the two-key advisory locks of jobs ("JOBS"); the second is the hash of the job's name. */
const jobLockClass = 0x4a4f4253;

/**
 * Runs `body` unless another holder has the lock `name` (another instance running the same job): true when it ran.
 * Exported for jobs that need the same guard outside a timer (tests, scripts).
 */
export async function withJobLock(db: Db, name: string, body: () => Promise<void>): Promise<boolean> {
  if (!isPostgres(db)) {
    await body();
    return true;
  }
  return (db as unknown as PostgresDb).transaction(async (tx) => {
    const [lock] = (await tx.execute(sql`select pg_try_advisory_xact_lock(${jobLockClass}, hashtext(${name})) as "got"`)) as unknown as { got: boolean }[];
    if (!lock?.got) return false;
    await body();
    return true;
  });
}

/** One run of `job` now, under its lock; errors are logged, never thrown. True when this process ran it. */
export async function runJobOnce(db: Db, job: PeriodicJob, now = new Date()): Promise<boolean> {
  try {
    return await withJobLock(db, job.name, () => job.run(db, now));
  } catch (error) {
    console.error(`periodic job ${job.name} failed:`, error);
    return false;
  }
}

/**
 * Runs `job` every `everyMs` (first run after one interval) on `db` (the process's database unless given) until the
 * returned function is called; a run already under way then finishes, and no other starts.
 */
export function startPeriodicJob(job: PeriodicJob, { db }: { db?: Db } = {}): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      void tick();
    }, job.everyMs);
    timer.unref();
  };
  const tick = async () => {
    try {
      // Stopped while waiting for the lock: the run does not start.
      await runJobOnce(db ?? getDb(), { ...job, run: (target, now) => (stopped ? Promise.resolve() : job.run(target, now)) });
    } catch (error) {
      // Opening the process's database failed: try again next time.
      console.error(`periodic job ${job.name} could not start:`, error);
    }
    schedule();
  };
  schedule();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
