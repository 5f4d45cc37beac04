/**
 * `npm run gen -- --postings N --students M [--out FILE | --out postgres://…] [--seed S]`: a deterministic data set
 * of the given size (same seed, same data), for benchmarks and trying the app at scale: in a fresh SQLite file, or,
 * when the process runs on PostgreSQL (DATABASE_URL=postgres://…), in an empty PostgreSQL database (migrated here;
 * one that already holds users is refused, never emptied).
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { mergePendingSearchEntries } from "../db/bulk-load";
import { connectPostgresDb, createSqliteDb, migratePostgresDb, type Db } from "../db/create";
import { configuredEngine, isPostgresUrl } from "../db/engine";
import { loadReferenceData } from "../db/reference";
import { isEmpty, seedDemoData } from "./seed/seed";

export interface GenerateDataSetOptions {
  postings: number;
  students: number;
  seed?: number;
  /** A SQLite file (replaced), or a postgres:// URL of an empty database. */
  out: string;
}

async function fill(db: Db, o: GenerateDataSetOptions) {
  await loadReferenceData(db);
  return seedDemoData(db, {
    seed: o.seed ?? 20261129,
    postings: o.postings,
    students: o.students,
    enterprises: Math.max(200, Math.round(o.postings / 50)),
    schools: Math.max(36, Math.round(o.students / 60)),
  });
}

export async function generateDataSet(o: GenerateDataSetOptions) {
  const started = Date.now();
  const target: string = o.out;
  if (isPostgresUrl(target)) {
    if (configuredEngine() !== "postgres") throw new Error("gen: a postgres:// --out needs DATABASE_URL=postgres://… for the whole process (the tables are chosen at start)");
    const db = connectPostgresDb(target, { max: 2 });
    try {
      await migratePostgresDb(db);
      if (!(await isEmpty(db as unknown as Db))) throw new Error(`gen: ${redacted(target)} already holds data; generate into an empty database`);
      const summary = await fill(db as unknown as Db, o);
      // Fresh statistics for the planner, as a restored or long-running database would have.
      await db.execute(sql`analyze`);
      await mergePendingSearchEntries(db as unknown as Db);
      return { ...summary, seconds: (Date.now() - started) / 1000, database: redacted(target) };
    } finally {
      await db.$client.end({ timeout: 5 });
    }
  }
  // SQLite: a fresh file, checkpointed so that the data set is one self-contained file.
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(o.out + suffix, { force: true });
  const db = createSqliteDb(o.out);
  try {
    const summary = await fill(db, o);
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    return { ...summary, seconds: (Date.now() - started) / 1000, file: o.out };
  } finally {
    db.$client.close();
  }
}

/** A connection URL without its password, for output. */
function redacted(url: string): string {
  const shown = new URL(url);
  if (shown.password) shown.password = "***";
  return shown.toString();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { postings: { type: "string", default: "100000" }, students: { type: "string", default: "20000" }, seed: { type: "string" }, out: { type: "string" } } });
  const postings = Number(values.postings);
  const students = Number(values.students);
  const out = values.out ?? (configuredEngine() === "postgres" ? process.env.DATABASE_URL! : `.bench/edubridge-${postings}.db`);
  console.log(JSON.stringify(await generateDataSet({ postings, students, seed: values.seed ? Number(values.seed) : undefined, out })));
}
