/**
 * `npm run bench:load [-- --seconds 20 --connections 50,200]`: serves the built app on a fresh copy of the
 * demo data and drives it from this (second) process over loopback with a realistic mix — search (API and
 * page), posting pages, recommendations, the student home, and applications (writes). Prints one JSON line
 * per connection count with requests per second, p50/p95/p99 latency and errors, then checks that every
 * application the server accepted is in the database exactly once. A quarter of the applications are sent
 * twice at once; the run exits non-zero on any lost, duplicated or unexpected write and on any 5xx answer.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { and, eq, gte, inArray, sql } from "drizzle-orm";
import { Agent, setGlobalDispatcher } from "undici";
import { createSqliteDb, type Db } from "../db/create";
import { configuredEngine } from "../db/engine";
import { applications, organisations, postings, studentProfiles, users } from "../db/schema";
import { applicationEligibility } from "../server/applications/manage";
import { studentFacingKinds } from "../server/compliance/posting";
import { todayInChina } from "../server/schemas/accounts";
import { buildIfNeeded } from "./build-if-needed";
import { percentile } from "./measure";
import { prepareDatabase } from "./prepare-db";
import { startServer } from "./serve";
import { pushTo } from "../db/collections";
import { rawRows } from "../db/sql";

// The server under load runs on a fresh SQLite copy of the demo data; a PostgreSQL run is still to come.
if (configuredEngine() === "postgres") {
  console.error("bench:load: serves a SQLite database for now; unset DATABASE_URL");
  process.exit(2);
}

const { values } = parseArgs({ options: { seconds: { type: "string", default: "20" }, connections: { type: "string", default: "50,200" } } });
const seconds = Number(values.seconds);
const levels = values.connections.split(",").map(Number);
const maxConnections = Math.max(...levels);
setGlobalDispatcher(new Agent({ connections: maxConnections, pipelining: 1, keepAliveTimeout: 30_000 }));

buildIfNeeded();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "edubridge-load-"));
const databasePath = path.join(dir, "edubridge.db");
await prepareDatabase(databasePath);
const server = await startServer(databasePath);
const base = server.baseURL;

// --- What the clients will ask for, taken from the data ---------------------------------------------
// The server's database is a SQLite file here (prepareDatabase); the data is read through the shared handle.
const sqlite = createSqliteDb(databasePath);
const db: Db = sqlite;
const today = todayInChina();
const postingIds = (await db.select({ id: postings.id }).from(postings).where(eq(postings.status, "published"))).map((p) => p.id);
const studentRows = await db
  .select({ id: users.id, email: users.email })
  .from(users)
  .innerJoin(studentProfiles, eq(studentProfiles.userId, users.id))
  .where(sql`${users.email} like 'student%@demo.edubridge.cn' and ${users.email} <> 'student@demo.edubridge.cn'`)
  .limit(maxConnections);
const openPostings = (
  await db
    .select({ id: postings.id })
    .from(postings)
    .innerJoin(organisations, eq(organisations.id, postings.organisationId))
    .where(and(eq(postings.status, "published"), eq(organisations.kind, "enterprise"), inArray(postings.kind, [...studentFacingKinds]), gte(postings.applyBy, today)))
).map((p) => p.id);
// Applications the rules allow (the same check the procedure makes), so every one sent should be accepted.
const pairs: { student: number; postingId: string }[] = [];
for (const [i, s] of studentRows.entries()) {
  for (const postingId of openPostings) if ((await applicationEligibility(db, s.id, postingId)).violations.length === 0) pairs.push({ student: i, postingId });
}
const applicationsBefore = (await db.select({ id: applications.id }).from(applications)).length;

async function signIn(email: string) {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, identifier: email, password: "Demo2026", callbackUrl: `${base}/home` }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`sign-in failed for ${email}: ${res.status}`);
  return session.split(";")[0]!;
}
const cookies: string[] = [];
for (let i = 0; i < studentRows.length; i += 8) cookies.push(...(await Promise.all(studentRows.slice(i, i + 8).map((s) => signIn(s.email!)))));

// --- The mix -------------------------------------------------------------------------------------------
const queries = ["Java", "实习", "护理", "汽车", "数控", "电子商务", "软件开发", "物流"];
const regions = ["440000", "440100", "320000", "330100", "510000", undefined];
const trpcGet = (proc: string, input: unknown) => `${base}/api/trpc/${proc}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
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

async function one(worker: number): Promise<{ kind: Kind; ok: boolean }> {
  let r = Math.random() * 100;
  let kind: Kind = "search_api";
  for (const [k, w] of mix) if ((r -= w) < 0) {
    kind = k;
    break;
  }
  const cookie = cookies[worker % cookies.length]!;
  let res: Response;
  switch (kind) {
    case "search_api":
      res = await fetch(trpcGet("search.postings", { query: pick(queries), regionCode: pick(regions), limit: 20 }));
      break;
    case "search_page":
      res = await fetch(`${base}/search?q=${encodeURIComponent(pick(queries))}`);
      break;
    case "posting_page":
      res = await fetch(`${base}/postings/${pick(postingIds)}`);
      break;
    case "match_api":
      res = await fetch(trpcGet("match.forStudent", { limit: 10 }), { headers: { cookie } });
      break;
    case "home_page":
      res = await fetch(`${base}/home`, { headers: { cookie }, redirect: "manual" });
      break;
    case "apply": {
      const pair = pairs[nextPair++];
      if (!pair) return one(worker);
      const send = () =>
        fetch(`${base}/api/trpc/applications.submit`, {
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


async function run(connections: number, durationS: number) {
  const times: number[] = [];
  const byKind = new Map<Kind, number[]>();
  let errors = 0;
  const deadline = performance.now() + durationS * 1000;
  await Promise.all(
    Array.from({ length: connections }, async (_, worker) => {
      while (performance.now() < deadline) {
        const t = performance.now();
        const result = await one(worker).catch(() => ({ kind: "search_api" as Kind, ok: false }));
        const ms = performance.now() - t;
        times.push(ms);
        pushTo(byKind, result.kind, ms);
        if (!result.ok) errors++;
      }
    }),
  );
  times.sort((a, b) => a - b);
  const kinds = Object.fromEntries([...byKind].map(([k, list]) => [k, { n: list.length, p95_ms: percentile(list.sort((a, b) => a - b), 95) }]));
  return { case: "load", connections, seconds: durationS, requests: times.length, rps: Math.round(times.length / durationS), p50_ms: percentile(times, 50), p95_ms: percentile(times, 95), p99_ms: percentile(times, 99), errors, by_kind: kinds };
}

console.log(JSON.stringify({ case: "setup", postings: postingIds.length, students_signed_in: cookies.length, applications_prepared: pairs.length }));
await run(20, 5); // warm-up: the search index loads, pages compile their caches
for (const connections of levels) console.log(JSON.stringify(await run(connections, seconds)));

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
sqlite.$client.close();
server.stop();
fs.rmSync(dir, { recursive: true, force: true });
// The run fails on any lost, duplicated or unexpected write and on any 5xx answer.
const failures = Object.entries({ lost: report.lost, duplicated_responses: report.duplicated_responses, duplicate_rows: report.duplicate_rows, unexpected: report.unexpected, server_errors: report.server_errors }).filter(([, n]) => n !== 0);
if (failures.length) {
  console.error(`bench:load failed: ${failures.map(([k, n]) => `${k}=${n}`).join(", ")}`);
  process.exitCode = 1;
}
