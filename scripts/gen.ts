/**
 * `npm run gen -- --postings N --students M [--out FILE] [--seed S]`: a deterministic data set of the
 * given size in a fresh SQLite file (same seed, same data), for benchmarks and trying the app at scale.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { createDb } from "../db/create";
import { loadReferenceData } from "../db/reference";
import { seedDemoData } from "./seed/seed";

export interface GenerateDataSetOptions {
  postings: number;
  students: number;
  seed?: number;
  out: string;
}

export async function generateDataSet(o: GenerateDataSetOptions) {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(o.out + suffix, { force: true });
  const started = Date.now();
  const db = createDb(o.out);
  loadReferenceData(db);
  const summary = await seedDemoData(db, {
    seed: o.seed ?? 20261129,
    postings: o.postings,
    students: o.students,
    enterprises: Math.max(200, Math.round(o.postings / 50)),
    schools: Math.max(36, Math.round(o.students / 60)),
  });
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();
  return { ...summary, seconds: (Date.now() - started) / 1000, file: o.out };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { postings: { type: "string", default: "100000" }, students: { type: "string", default: "20000" }, seed: { type: "string" }, out: { type: "string" } } });
  const postings = Number(values.postings);
  const students = Number(values.students);
  const out = values.out ?? `.bench/edubridge-${postings}.db`;
  console.log(JSON.stringify(await generateDataSet({ postings, students, seed: values.seed ? Number(values.seed) : undefined, out })));
}
