/**
 * `npm run bench:load [-- --engine postgres --instances 2 --rate 100 --seconds 60 --capacity --cpu]`: serves the
 * built app (one or several processes on one database) with a fresh copy of the demo data and drives it from this
 * process over loopback, **open-loop**: requests leave on a fixed schedule (`--rate` per second) whatever the
 * answers do, and each one's latency counts from its scheduled time, so queueing shows (a closed loop of N clients
 * waits for answers and hides it). The mix is realistic: search (API and page), posting pages, recommendations, the
 * student home and applications (writes), as 200 signed-in students (sessions signed by one instance are used on
 * every other: one AUTH_SECRET). Requests go round-robin over the instances, as a balancer would send them.
 *
 * Prints one JSON line per run: requests, p50/p95/p99 latency, errors, per kind. `--capacity` steps the rate up
 * for 1..N instances and prints the highest rate whose p95 stays within 200 ms; `--cpu` prints each kind's server CPU
 * per request (from /proc, one kind at a time, on one instance). At the end every application the servers accepted
 * must be in the database exactly once (a quarter are sent twice at once); the run exits non-zero on any lost,
 * duplicated or unexpected write and on any 5xx answer.
 *
 * `--engine sqlite` (default): a SQLite file in a temporary folder, every instance on the same file (WAL).
 * `--engine postgres` (DATABASE_URL naming a server): a fresh database on it, dropped afterwards.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { and, eq, gte, inArray, sql } from "drizzle-orm";
import postgres from "postgres";
import { Agent, setGlobalDispatcher } from "undici";
import { connectPostgresDb, createSqliteDb, type Db } from "../db/create";
import { configuredEngine } from "../db/engine";
import { applications, organisations, postings, studentProfiles, users } from "../db/schema";
import { applicationEligibility } from "../server/applications/manage";
import { studentFacingKinds } from "../server/compliance/posting";
import { todayInChina } from "../server/schemas/accounts";
import { buildIfNeeded } from "./build-if-needed";
import { percentile } from "./measure";
import { prepareDatabase } from "./prepare-db";
import { signInOverHttp, startServer } from "./serve";
import { pushTo } from "../db/collections";
import { rawRows } from "../db/sql";

const { values } = parseArgs({
  options: {
    engine: { type: "string", default: "sqlite" },
    instances: { type: "string", default: "1" },
    rate: { type: "string", default: "100" },
    seconds: { type: "string", default: "60" },
    capacity: { type: "boolean", default: false },
    cpu: { type: "boolean", default: false },
  },
});
const engine = values.engine;
if (engine !== "sqlite" && engine !== "postgres") {
  console.error(`bench:load: --engine sqlite or --engine postgres, not ${engine}`);
  process.exit(2);
}
// The tables are chosen when the schema loads (db/engine.ts): DATABASE_URL decides the process's engine.
if (engine !== configuredEngine()) {
  console.error(engine === "postgres" ? "bench:load --engine postgres: set DATABASE_URL=postgres://… (the server; a fresh database is made on it)" : "bench:load: unset DATABASE_URL for SQLite, or pass --engine postgres");
  process.exit(2);
}
const instances = Number(values.instances);
const rate = Number(values.rate);
const seconds = Number(values.seconds);
/** The latency bound that defines capacity (issue 17). */
const p95BoundMs = 200;
setGlobalDispatcher(new Agent({ connections: 512, pipelining: 1, keepAliveTimeout: 30_000 }));

buildIfNeeded();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "edubridge-load-"));
let database: string;
let db: Db;
let closeDb: () => Promise<void>;
let dropDatabase = async () => {};
if (engine === "sqlite") {
  database = path.join(dir, "edubridge.db");
  await prepareDatabase(database, { quiet: true });
  const sqlite = createSqliteDb(database);
  db = sqlite;
  closeDb = async () => {
    sqlite.$client.close();
  };
} else {
  const server = process.env.DATABASE_URL!;
  const name = `edubridge_load_${process.pid}_${Date.now()}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  database = url.toString();
  await prepareDatabase(database, { quiet: true });
  const pg = connectPostgresDb(database, { max: 4 });
  db = pg as unknown as Db;
  closeDb = () => pg.$client.end({ timeout: 5 });
  dropDatabase = async () => {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end({ timeout: 5 });
  };
}
const servers = [];
for (let i = 0; i < instances; i++) servers.push(await startServer(database));
const bases = servers.map((s) => s.baseURL);
/** The instances a run sends to (the first `k` of them); round-robin among them. */
let using = bases.length;
let turn = 0;
const nextBase = () => bases[turn++ % using]!;
const base = bases[0]!;

// --- What the clients will ask for, taken from the data ---------------------------------------------
const today = todayInChina();
const postingIds = (await db.select({ id: postings.id }).from(postings).where(eq(postings.status, "published"))).map((p) => p.id);
const studentRows = await db
  .select({ id: users.id, email: users.email })
  .from(users)
  .innerJoin(studentProfiles, eq(studentProfiles.userId, users.id))
  .where(sql`${users.email} like 'student%@demo.edubridge.cn' and ${users.email} <> 'student@demo.edubridge.cn'`)
  .limit(200);
const openPostings = (
  await db
    .select({ id: postings.id })
    .from(postings)
    .innerJoin(organisations, eq(organisations.id, postings.organisationId))
    .where(and(eq(postings.status, "published"), eq(organisations.kind, "enterprise"), inArray(postings.kind, [...studentFacingKinds]), gte(postings.applyBy, today)))
).map((p) => p.id);
// Applications the rules allow (the same check the procedure makes), so every one sent should be accepted.
// Up to 20 per student (postings in a shuffled order), enough for the writes of every run here.
const pairs: { student: number; postingId: string }[] = [];
for (const [i, s] of studentRows.entries()) {
  let found = 0;
  for (const postingId of [...openPostings].sort(() => Math.random() - 0.5)) {
    if (found === 20) break;
    if ((await applicationEligibility(db, s.id, postingId)).violations.length > 0) continue;
    pairs.push({ student: i, postingId });
    found++;
  }
}
const applicationsBefore = (await db.select({ id: applications.id }).from(applications)).length;

const signIn = (email: string) => signInOverHttp(base, email);
const cookies: string[] = [];
for (let i = 0; i < studentRows.length; i += 8) cookies.push(...(await Promise.all(studentRows.slice(i, i + 8).map((s) => signIn(s.email!)))));

// --- The mix -------------------------------------------------------------------------------------------
const queries = ["Java", "实习", "护理", "汽车", "数控", "电子商务", "软件开发", "物流"];
const regions = ["440000", "440100", "320000", "330100", "510000", undefined];
const trpcGet = (at: string, proc: string, input: unknown) => `${at}/api/trpc/${proc}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;
type Kind = "search_api" | "search_page" | "posting_page" | "match_api" | "home_page" | "apply";
const mix: [Kind, number][] = [
  ["search_api", 30],
  ["search_page", 10],
  ["posting_page", 25],
  ["match_api", 15],
  ["home_page", 10],
  ["apply", 10],
];
const accepted: string[] = [];
let nextPair = 0;
/** Share of applications sent twice concurrently, to provoke duplicates. */
const resendShare = 0.25;
let resent = 0;
let serverErrors = 0;

/** One request of the mix (or of one kind), to the next instance in turn. */
async function one(worker: number, only?: Kind): Promise<{ kind: Kind; ok: boolean }> {
  let r = Math.random() * 100;
  let kind: Kind = only ?? "search_api";
  if (!only)
    for (const [k, w] of mix)
      if ((r -= w) < 0) {
        kind = k;
        break;
      }
  const at = nextBase();
  const cookie = cookies[worker % cookies.length]!;
  let res: Response;
  switch (kind) {
    case "search_api":
      res = await fetch(trpcGet(at, "search.postings", { query: pick(queries), regionCode: pick(regions), limit: 20 }));
      break;
    case "search_page":
      res = await fetch(`${at}/search?q=${encodeURIComponent(pick(queries))}`);
      break;
    case "posting_page":
      res = await fetch(`${at}/postings/${pick(postingIds)}`);
      break;
    case "match_api":
      res = await fetch(trpcGet(at, "match.forStudent", { limit: 10 }), { headers: { cookie } });
      break;
    case "home_page":
      res = await fetch(`${at}/home`, { headers: { cookie }, redirect: "manual" });
      break;
    case "apply": {
      const pair = pairs[nextPair++];
      if (!pair) return one(worker, only === "apply" ? "search_api" : only);
      const send = () =>
        fetch(`${at}/api/trpc/applications.submit`, {
          method: "POST",
          headers: { cookie: cookies[pair.student]!, "content-type": "application/json" },
          body: JSON.stringify({ json: { postingId: pair.postingId, coverNote: "压力测试" } }),
        });
      // A share of writes is sent twice at once (a double tap, a client retry): exactly one may be accepted.
      const twice = Math.random() < resendShare;
      if (twice) resent++;
      const answers = await Promise.all(twice ? [send(), send()] : [send()]);
      let stored = 0;
      for (const answer of answers) {
        if (answer.status >= 500) serverErrors++;
        if (answer.ok) {
          stored++;
          accepted.push(((await answer.json()) as { result: { data: { json: { id: string } } } }).result.data.json.id);
        } else {
          const text = await answer.text();
          // The twin of an accepted write is refused as already applied; anything else is a real failure.
          if (!(twice && answer.status < 500)) console.error(`apply ${answer.status}: ${text.slice(0, 200)}`);
        }
      }
      return { kind, ok: stored === 1 };
    }
  }
  if (res.status >= 500) serverErrors++;
  await res.arrayBuffer();
  return { kind, ok: res.ok };
}


const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `perSecond` requests a second for `durationS`, each sent at its scheduled time whether or not earlier ones have
 * been answered; latency counts from the scheduled time (a late send is the system's lateness too).
 */
async function openLoop(perSecond: number, durationS: number, only?: Kind) {
  const count = Math.round(perSecond * durationS);
  const start = performance.now() + 50;
  const sent: Promise<{ kind: Kind; ok: boolean; ms: number }>[] = [];
  for (let i = 0; i < count; i++) {
    const scheduled = start + (i * 1000) / perSecond;
    const wait = scheduled - performance.now();
    if (wait > 1) await sleep(wait);
    sent.push(
      one(i, only).then(
        (r) => ({ ...r, ms: performance.now() - scheduled }),
        () => ({ kind: only ?? "search_api", ok: false, ms: performance.now() - scheduled }),
      ),
    );
  }
  const results = await Promise.all(sent);
  const times = results.map((r) => r.ms).sort((a, b) => a - b);
  const byKind = new Map<Kind, number[]>();
  for (const r of results) pushTo(byKind, r.kind, r.ms);
  const kinds = Object.fromEntries([...byKind].map(([k, list]) => [k, { n: list.length, p95_ms: percentile(list.sort((a, b) => a - b), 95) }]));
  return {
    engine,
    instances: using,
    rate_per_s: perSecond,
    seconds: durationS,
    requests: results.length,
    p50_ms: percentile(times, 50),
    p95_ms: percentile(times, 95),
    p99_ms: percentile(times, 99),
    errors: results.filter((r) => !r.ok).length,
    by_kind: kinds,
  };
}

/** A process's CPU time so far (user + system), in ms, from /proc (Linux). */
function cpuMs(pid: number) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

console.log(JSON.stringify({ case: "setup", engine, instances, postings: postingIds.length, students_signed_in: cookies.length, applications_prepared: pairs.length }));
// Warm-up on every instance: the search index loads, pages fill their caches.
await openLoop(20 * instances, 5);

if (values.cpu) {
  // One kind at a time on the first instance, at a rate it serves without queueing: its CPU time per request.
  using = 1;
  for (const [kind] of mix) {
    const before = cpuMs(servers[0]!.pid);
    const result = await openLoop(10, 10, kind);
    console.log(JSON.stringify({ case: "cpu", engine, kind, requests: result.requests, cpu_ms_per_request: Math.round(((cpuMs(servers[0]!.pid) - before) / result.requests) * 10) / 10, p95_ms: result.p95_ms }));
  }
  using = bases.length;
}

console.log(JSON.stringify({ case: "load", ...(await openLoop(rate, seconds)) }));

if (values.capacity) {
  // The highest offered rate whose p95 stays within the bound, for 1..N instances (shorter runs, rising rates).
  for (let k = 1; k <= bases.length; k++) {
    using = k;
    let capacity = 0;
    for (const offered of [25, 50, 75, 100, 125, 150, 200, 250, 300, 400]) {
      const result = await openLoop(offered, 15);
      console.log(JSON.stringify({ case: "capacity-step", ...result }));
      if (result.p95_ms > p95BoundMs || result.errors > 0) break;
      capacity = offered;
    }
    console.log(JSON.stringify({ case: "capacity", engine, instances: k, rate_per_s: capacity, p95_bound_ms: p95BoundMs }));
  }
  using = bases.length;
}

// Every accepted application is in the database exactly once, and nothing else was written.
const written = (await db.select({ id: applications.id }).from(applications)).map((a) => a.id);
const writtenSet = new Set(written);
const acceptedSet = new Set(accepted);
const lost = accepted.filter((id) => !writtenSet.has(id)).length;
const duplicateRows = (await rawRows<{ n: number }>(db, sql`select count(*) as n from (select 1 from applications group by student_id, posting_id having count(*) > 1) as twice`))[0]!.n;
const report = {
  case: "load-writes",
  accepted: accepted.length,
  resent,
  duplicated_responses: accepted.length - acceptedSet.size,
  duplicate_rows: duplicateRows,
  in_database: written.length - applicationsBefore,
  lost,
  unexpected: written.length - applicationsBefore - acceptedSet.size,
  server_errors: serverErrors,
};
console.log(JSON.stringify(report));
await closeDb();
for (const server of servers) server.stop();
await dropDatabase();
fs.rmSync(dir, { recursive: true, force: true });
// The run fails on any lost, duplicated or unexpected write and on any 5xx answer.
const failures = Object.entries({ lost: report.lost, duplicated_responses: report.duplicated_responses, duplicate_rows: report.duplicate_rows, unexpected: report.unexpected, server_errors: report.server_errors }).filter(([, n]) => n !== 0);
if (failures.length) {
  console.error(`bench:load failed: ${failures.map(([k, n]) => `${k}=${n}`).join(", ")}`);
  process.exitCode = 1;
}
