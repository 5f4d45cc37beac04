import { spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { connectPostgresDb, type Db, type PostgresDb } from "@/db/create";
import { configuredEngine } from "@/db/engine";
import { rawFirst } from "@/db/sql";
import { limits, recordSignInFailure, signInWait, signUpWait } from "@/server/security/rate-limit";
import { createTestDb, testDbUrl } from "../helpers/db";
import type { ChildPlan } from "../helpers/rate-limit-child";

/**
 * Issue 17, item 2: on PostgreSQL the rate limits are one allowance for every instance on the database, not one per
 * process (server/security/rate-limit.ts keeps them in the rate_limits table there). Another instance is a child
 * process with its own pool (tests/helpers/rate-limit-child.ts), as a second `next start` would be; the in-process
 * case uses a second pool on the same database. On SQLite the app is one process and the counts stay in its memory.
 *
 * This file never calls resetRateLimits(): it would move this process's keys away from the children's.
 */
const onPostgres = configuredEngine() === "postgres";
const pools: PostgresDb[] = [];

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.$client.end({ timeout: 5 })));
});

/** Runs a child instance on the database at `url`; with `go`, `started` resolves once it is connected and waiting. */
function child(url: string, plan: ChildPlan) {
  const proc = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "../helpers/rate-limit-child.ts"), url, JSON.stringify(plan)], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = readline.createInterface({ input: proc.stdout });
  let ready!: () => void;
  let failed!: (error: Error) => void;
  const started = new Promise<void>((resolve, reject) => ((ready = resolve), (failed = reject)));
  const results = new Promise<(number | null)[]>((resolve, reject) => {
    lines.on("line", (line) => (line === "ready" ? ready() : resolve(JSON.parse(line) as (number | null)[])));
    // After its results a child exits 0 and these settle nothing; before them, the test fails instead of waiting.
    proc.on("exit", (code) => {
      const error = new Error(`rate-limit child exited with ${code}`);
      failed(error);
      reject(error);
    });
  });
  // Awaited by the test; a child that dies before `started` settles must not leave an unhandled rejection here.
  results.catch(() => undefined);
  // Likewise `started` of a child run without a barrier (no "ready" line): its exit settles it after the test.
  started.catch(() => undefined);
  return { started, results, go: () => proc.stdin.write("go\n") };
}

describe("rate limits shared by instances", () => {
  it("are one allowance for two pools on the same database", async () => {
    const db = await createTestDb();
    const other = onPostgres ? (connectPostgresDb(testDbUrl(db)!, { max: 2 }) as unknown as Db) : db;
    if (onPostgres) pools.push(other as unknown as PostgresDb);
    const t0 = Date.now();
    // Two failures through one pool, a third through the other: the three free ones are used up for both.
    await recordSignInFailure(db, "pool@example.cn", "203.0.113.5", t0);
    await recordSignInFailure(db, "pool@example.cn", "203.0.113.5", t0);
    expect(await signInWait(other, "pool@example.cn", "203.0.113.5", t0)).toBe(0);
    await recordSignInFailure(other, "pool@example.cn", "203.0.113.5", t0);
    expect(await signInWait(db, "pool@example.cn", "203.0.113.5", t0)).toBe(1);
    expect(await signInWait(other, "pool@example.cn", "203.0.113.5", t0)).toBe(1);
    if (onPostgres) {
      // The counts are in the database, not in this process: three rows, one per counter.
      const rows = await rawFirst<{ n: number }>(db, sql`select count(*) as n from rate_limits where count > 0`);
      expect(rows?.n).toBe(3);
    }
  });

  it.runIf(onPostgres)("count another process's sign-in failures here, and ours there", async () => {
    const db = await createTestDb();
    const url = testDbUrl(db)!;
    const t0 = Date.now();
    const account = "shared@example.cn";
    const address = "198.51.100.77";
    // The other instance fails three times: the free failures are gone here too.
    const first = child(url, { calls: [0, 1, 2].map(() => ({ op: "fail", account, address, now: t0 })) });
    await first.results;
    expect(await signInWait(db, account, address, t0)).toBe(1);
    // One more here: the other instance sees the doubled wait.
    await recordSignInFailure(db, account, address, t0);
    const second = child(url, { calls: [{ op: "wait", account, address, now: t0 }] });
    expect(await second.results).toEqual([2]);
  }, 60_000);

  it.runIf(onPostgres)("let exactly the allowance of sign-ups through when two processes try at the same moment", async () => {
    const db = await createTestDb();
    const url = testDbUrl(db)!;
    const now = Date.now();
    const perProcess = 15;
    const address = "192.0.2.123";
    const plans = [0, 1].map((p): ChildPlan => ({
      go: true,
      together: true,
      calls: Array.from({ length: perProcess }, (_, i) => ({ op: "signUp", account: `p${p}-${i}@example.cn`, address, now })),
    }));
    const children = plans.map((plan) => child(url, plan));
    await Promise.all(children.map((c) => c.started));
    for (const c of children) c.go();
    const waits = (await Promise.all(children.map((c) => c.results))).flat();
    // 30 attempts from one address at once, 20 allowed in the hour: exactly 20 get through, whichever process they came to.
    expect(waits.filter((w) => w === 0)).toHaveLength(limits.signUpsPerAddress.limit);
    expect(waits.filter((w) => w === 3_600)).toHaveLength(2 * perProcess - limits.signUpsPerAddress.limit);
    // And this process, a third instance, is refused too.
    expect(await signUpWait(db, "third@example.cn", address, now)).toBe(3_600);
  }, 60_000);
});
