/**
 * Another instance for tests/integration/rate-limits-shared.test.ts: a separate process with its own pool on the
 * test's PostgreSQL database (argv[2]) that runs the rate-limit calls in argv[3] (JSON) and prints their results as
 * one JSON line. With `"go": true` it prints "ready" and waits for a line on stdin first, so that several children
 * start at the same moment; `"together": true` runs its calls at once instead of one after another.
 */
import readline from "node:readline";
import { connectPostgresDb, type Db } from "../../db/create";
import { recordSignInFailure, signInWait, signUpWait } from "../../server/security/rate-limit";

export type ChildCall =
  | { op: "fail"; account: string; address: string; now: number }
  | { op: "wait"; account: string; address: string; now: number }
  | { op: "signUp"; account: string; address: string; now: number };
export type ChildPlan = { calls: ChildCall[]; go?: boolean; together?: boolean };

const [url, json] = process.argv.slice(2);
const plan = JSON.parse(json!) as ChildPlan;
const pool = connectPostgresDb(url!, { max: 5 });
const db = pool as unknown as Db;

async function run(call: ChildCall): Promise<number | null> {
  if (call.op === "fail") {
    await recordSignInFailure(db, call.account, call.address, call.now);
    return null;
  }
  if (call.op === "wait") return signInWait(db, call.account, call.address, call.now);
  return signUpWait(db, call.account, call.address, call.now);
}

// Connected before the barrier: the first query opens a connection of the pool.
await signInWait(db, "warm-up", "0.0.0.0", 0);
if (plan.go) {
  process.stdout.write("ready\n");
  await new Promise<void>((resolve) => readline.createInterface({ input: process.stdin }).once("line", () => resolve()));
}
const results: (number | null)[] = [];
if (plan.together) results.push(...(await Promise.all(plan.calls.map(run))));
else for (const call of plan.calls) results.push(await run(call));
process.stdout.write(`${JSON.stringify(results)}\n`);
await pool.$client.end({ timeout: 5 });
process.exit(0);
