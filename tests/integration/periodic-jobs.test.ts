import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/create";
import { isPostgres } from "@/db/transaction";
import { runJobOnce, startPeriodicJob, type PeriodicJob } from "@/server/jobs/periodic";
import { createTestDb, releaseTestDb } from "../helpers/db";

let db: Db;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await releaseTestDb(db);
});

describe("periodic jobs", () => {
  it("runs one instance of a job at a time on PostgreSQL, and every call on SQLite's one process", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    const job: PeriodicJob = {
      name: "test-exclusive",
      everyMs: 1000,
      run: async () => {
        runs++;
        await held;
      },
    };
    const first = runJobOnce(db, job);
    // The first run holds the lock (or, on SQLite, is simply running) while the second starts.
    await vi.waitFor(() => expect(runs).toBe(1));
    const second = runJobOnce(db, job);
    const other = runJobOnce(db, { ...job, name: "test-other-name", run: async () => void runs++ });
    if (isPostgres(db)) {
      expect(await second).toBe(false);
      expect(await other).toBe(true);
      release();
      expect(await first).toBe(true);
      expect(runs).toBe(2);
      // The lock went with the first run's transaction: the job runs again.
      expect(await runJobOnce(db, { ...job, run: async () => void runs++ })).toBe(true);
      expect(runs).toBe(3);
    } else {
      release();
      expect([await first, await second, await other]).toEqual([true, true, true]);
      expect(runs).toBe(3);
    }
  });

  it("logs a failing run, keeps running on schedule, and stops when told", async () => {
    // Replaces strict-console's spy for this test: the one error logged here is expected.
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const seen: Date[] = [];
    const stop = startPeriodicJob(
      {
        name: "test-failing",
        everyMs: 20,
        run: async (_db, now) => {
          seen.push(now);
          if (seen.length === 1) throw new Error("receiver down");
        },
      },
      { db },
    );
    await vi.waitFor(() => expect(seen.length).toBeGreaterThanOrEqual(3), { timeout: 5000 });
    stop();
    const count = seen.length;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(seen.length).toBe(count);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0]?.[0])).toContain("test-failing");
    expect(seen[1]!.getTime()).toBeGreaterThan(seen[0]!.getTime());
  });
});
