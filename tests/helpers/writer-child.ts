/**
 * A separate process that writes to a database file until it is killed, for the durability tests:
 *   batches <file> — transactions of 10 notifications each, numbered, forever;
 *   bulk <file>    — one huge transaction of generated postings (the demo generator), announced first.
 * SQLite by nature (a file that another process backs up, a process killed mid-write; the tests read the WAL).
 */
import { createSqliteDb } from "../../db/create";
import { withTransaction } from "../../db/transaction";
import { generatePostings } from "../../scripts/seed/generate";
import { notifications, users } from "../../db/schema";

const [mode, file] = process.argv.slice(2);
const db = createSqliteDb(file!);

if (mode === "batches") {
  const userId = (await db.select({ id: users.id }).from(users).limit(1))[0]!.id;
  for (let batch = 0; ; batch++) {
    await withTransaction(db, async (tx) => {
      const rows = Array.from({ length: 10 }, (_, i) => ({ userId, type: "notify.logWritten", params: { batch: String(batch), i: String(i) }, link: "/" }));
      await tx.insert(notifications).values(rows);
    });
    if (batch === 20) process.stdout.write("writing\n");
    await new Promise((r) => setImmediate(r));
  }
} else if (mode === "bulk") {
  process.stdout.write("writing\n");
  await generatePostings(db, { count: 2_000_000, seed: 99, today: "2026-11-29" });
  process.stdout.write("finished\n");
}
