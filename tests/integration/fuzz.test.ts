import { TRPCError } from "@trpc/server";
import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberships } from "@/db/schema";
import { rawRows, rawRun } from "@/db/sql";
import { appRouter, createCaller } from "@/server/root";
import { accessMatrix, callers, type Caller } from "@/server/routers/access";
import { resetRateLimits } from "@/server/security/rate-limit";
import { createContext } from "@/server/trpc";
import { arbitraryFor, hostileValue, pathsOf, replaceAt, type Samples } from "../helpers/arbitrary";
import { cloneDb, releaseTestDb } from "../helpers/db";
import { buildWorld, validInputs, type World } from "../helpers/world";
import { watchWrites, type WriteWatch } from "../helpers/write-watch";

/**
 * Fuzz that reaches the handlers (issue 15, item 3). Every procedure of the router gets RUNS calls whose
 * inputs are generated from its own zod schemas (`_def.inputs`), filled with the fixture's real ids and
 * codes, then mutated field by field with hostile values. Callers: those the access matrix lets past
 * authorisation, and up to two that it does not. Every call, successful or not, is checked for: no
 * INTERNAL_SERVER_ERROR or non-tRPC error, no foreign secret in the answer, and, when it fails, no change in
 * any table (tests/helpers/write-watch.ts: on SQLite the change counter first; when it moved, the database's
 * bytes before and after, and when those differ, tableChecksums of every row of every table; on PostgreSQL a
 * change log that triggers fill, whose sequence counts rolled-back writes too).
 *
 * The seed is random and printed; FUZZ_SEED=<n> replays a run, FUZZ_ONLY=<path> limits it to one procedure,
 * FUZZ_RUNS=<n> changes the runs per procedure. Procedures run in FUZZ_LANES (3) at a time, each on its own
 * copies, so that the password procedures' scrypt (in libuv's threads) overlaps the others' work.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const LANES = Number(process.env.FUZZ_LANES ?? 3);
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
/** Least share of a procedure's calls that must get past authorisation and input validation into its handler. */
const REACH_FLOOR = 0.3;
/**
 * Procedures that cannot reach their handler in 30% of runs, and why. Empty: every procedure has callers
 * allowed to call it and inputs its schema accepts.
 */
const unreachable: Record<string, string> = {};

// Secrets planted in the fixture: the student's birth date and mobile (only the student, their school,
// administrators and the host where an application or placement entitles it), the host's and its
// postings' contact phones (never to anonymous visitors or members of unverified organisations).
const studentSecrets = ["2005-07-13", "13912345678"];
const hostContact = "020-55501234";
const postingContact = "020-55505678";
const hostMaySeeStudent = new Set(["students.get", "placements.get", "placements.agreement"]);
const noContacts: Caller[] = ["anonymous", "unverifiedEnterprise", "unverifiedSchool"];

let world: World;
let valid: Record<string, unknown>;
let watch: WriteWatch;
/**
 * Calls that reached a handler, per database copy (procedures run two at a time, each on its own copies). Weak: a
 * strong map kept every closed copy alive, and with it the write watch's last snapshot of each (1.17 GB peak, 0.97 weak).
 */
const reached = new WeakMap<object, number>();
const restore: (() => void)[] = [];

beforeAll(async () => {
  world = await buildWorld();
  valid = await validInputs(world);
  // The plants: unique values, so that finding one in an answer can only mean it leaked from the database.
  await rawRun(world.db, sql`update organisations set contact_phone = ${hostContact} where id = ${world.enterprise.organisationId}`);
  await rawRun(world.db, sql`update postings set contact_phone = ${postingContact} where organisation_id = ${world.enterprise.organisationId}`);
  // Before any copy is made: on PostgreSQL the watch installs its change log in the database the copies are made of.
  watch = await watchWrites(world.db);
  // Count the calls that reach each handler: the last middleware of a tRPC procedure is its resolver, run
  // only after every rung of the ladder and every input parser passed. Wrapped, not replaced.
  for (const procedure of Object.values(appRouter._def.procedures as unknown as Record<string, unknown>) as { _def: { middlewares: ((opts: unknown) => Promise<unknown>)[] } }[]) {
    const middlewares = procedure._def.middlewares;
    const resolve = middlewares[middlewares.length - 1]!;
    middlewares[middlewares.length - 1] = (opts) => {
      const db = (opts as { ctx: { db: object } }).ctx.db;
      reached.set(db, (reached.get(db) ?? 0) + 1);
      return resolve(opts);
    };
    restore.push(() => (middlewares[middlewares.length - 1] = resolve));
  }
}, 60_000);
afterAll(() => restore.forEach((undo) => undo()));

/** Valid values per field name: everything validInputs() names, under its key (and key[] for list elements). */
function harvest(into: Record<string, unknown[]>, value: unknown, key?: string) {
  if (key !== undefined && value !== undefined) (into[key] ??= []).push(value);
  if (Array.isArray(value)) value.forEach((element) => harvest(into, element, key !== undefined ? `${key}[]` : undefined));
  else if (value !== null && typeof value === "object") Object.entries(value).forEach(([k, v]) => harvest(into, v, k));
}

const samplesCache = new Map<Caller, Samples>();
/** Real ids (and codes) from the fixture per field name; the caller's own organisation weighs most. */
async function samplesFor(caller: Caller): Promise<Samples> {
  const cached = samplesCache.get(caller);
  if (cached) return cached;
  const db = world.db;
  const samples: Record<string, unknown[]> = {};
  for (const input of Object.values(valid)) harvest(samples, input);
  const codes = async (query: ReturnType<typeof sql>) => (await rawRows<{ code: string }>(db, query)).map((r) => r.code);
  const ids = async (table: string) => (await rawRows<{ id: string }>(db, sql`select id from ${sql.identifier(table)}`)).map((r) => r.id);
  const add = (key: string, values: unknown[]) => (samples[key] = [...(samples[key] ?? []), ...values]);
  add("postingId", await ids("postings"));
  add("applicationId", await ids("applications"));
  add("placementId", await ids("placements"));
  add("logId", await ids("weekly_logs"));
  add("proposalId", await ids("cooperation_proposals"));
  add("projectId", await ids("cooperation_projects"));
  add("invitationId", await ids("invitations"));
  add("postId", await ids("host_posts"));
  add("revisionId", await ids("posting_revisions"));
  add("changeId", await ids("organisation_changes"));
  add("complaintId", await ids("complaints"));
  add("payRecordId", await ids("pay_records"));
  add("amendmentId", await ids("placement_amendments"));
  const users = await ids("users");
  for (const key of ["userId", "tutorId", "schoolTutorId"]) add(key, users);
  const organisations = await ids("organisations");
  add("toOrganisationId", organisations);
  const userId = world.ids[caller];
  const own = userId ? (await db.select({ id: memberships.organisationId }).from(memberships).where(eq(memberships.userId, userId))).map((m) => m.id) : [];
  // Mostly the caller's own (the ladder refuses the others before the handler); others now and then.
  add("organisationId", [...Array.from({ length: 60 }, () => own).flat(), ...organisations]);
  // Real counties and their parents (regions.level holds words; an earlier `level = 3` matched nothing).
  add("regionCode", await codes(sql`select code from regions where level = 'county' order by code limit 20`));
  add("parentCode", [null, ...(await codes(sql`select code from regions where level in ('province', 'city') order by code limit 10`))]);
  add("specialtyCode", await codes(sql`select code from specialties where length(code) = 6 order by code limit 20`));
  add("specialtyCodes[]", await codes(sql`select code from specialties where length(code) = 6 order by code limit 20`));
  add("industryCode", await codes(sql`select code from industries order by code limit 20`));
  add("codes[]", await codes(sql`select code from regions order by code limit 20`));
  samplesCache.set(caller, samples);
  return samples;
}

/** The input schemas of a procedure as one arbitrary: several `.input()`s are merged, as tRPC merges them. */
function validShaped(path: string, samples: Samples): fc.Arbitrary<unknown> {
  const inputs = (appRouter._def.procedures as unknown as Record<string, { _def: { inputs: Parameters<typeof arbitraryFor>[0][] } }>)[path]!._def.inputs;
  if (inputs.length === 0) return fc.constant(undefined);
  const parts = fc.tuple(...inputs.map((input) => arbitraryFor(input, samples)));
  const generated = parts.map((values): unknown => (values.length === 1 ? values[0] : (Object.assign({}, ...values.map((v) => (v && typeof v === "object" ? v : {}))) as unknown)));
  // The fixture's own valid input now and then: whole states (an offer to answer, a digest) that only it has.
  return fc.oneof({ weight: 1, arbitrary: fc.constant(valid[path]) }, { weight: 3, arbitrary: generated });
}

/** A valid-shaped input, or one with a single field (at any depth, or the whole input) made hostile. */
function inputs(path: string, samples: Samples): fc.Arbitrary<{ input: unknown; mutated: string | null }> {
  const base = validShaped(path, samples);
  const mutated = fc.tuple(base, fc.nat(), hostileValue).map(([value, pick, hostile]) => {
    const paths = pathsOf(value);
    // The whole input is one of the paths; nested fields are picked far more often than it.
    const at = paths.length > 1 && pick % 8 !== 0 ? paths[1 + (pick % (paths.length - 1))]! : [];
    return { input: replaceAt(value, at, hostile), mutated: at.join(".") || "(whole input)" };
  });
  return fc.oneof({ weight: 3, arbitrary: base.map((input) => ({ input, mutated: null })) }, { weight: 1, arbitrary: mutated });
}

/** Callers that get past authorisation, and up to two that do not (an anonymous visitor and a signed-in outsider). */
function callersOf(path: string): { allowed: Caller[]; refused: Caller[] } {
  const row = accessMatrix[path]!;
  // BAD_REQUEST in the matrix: authorised, then refused by a rule on the fixture's own input (an early start).
  const allowed = callers.filter((c) => row[c] === "ok" || row[c] === "BAD_REQUEST");
  const outsiders = callers.filter((c) => !allowed.includes(c));
  const refused = [outsiders.find((c) => c === "anonymous"), outsiders.find((c) => c !== "anonymous")].filter((c): c is Caller => !!c);
  return { allowed, refused };
}

const seedOf = (path: string) => [...path].reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) | 0, SEED) >>> 0;
const show = (value: unknown) => {
  const text = JSON.stringify(value, (_k, v: unknown) => (v === undefined ? "(undefined)" : typeof v === "number" && !Number.isFinite(v) ? String(v) : v)) ?? "undefined";
  return text.length > 300 ? `${text.slice(0, 300)}…(${text.length} chars)` : text;
};

interface Tally {
  calls: number;
  reached: number;
  ok: number;
  codes: Record<string, number>;
  ms: number;
  /** Failed calls that wrote and rolled back: the calls the "no half-write" check had something to judge. */
  rolledBack: number;
  checksums: number;
}

let fixtureTurns: Promise<unknown> = Promise.resolve();
/** Runs `task` after every earlier task given here has finished. */
function fixtureTurn<T>(task: () => Promise<T>): Promise<T> {
  const turn = fixtureTurns.then(task);
  fixtureTurns = turn.catch(() => undefined);
  return turn;
}

/** RUNS calls to one procedure, each caller on its own copy of the fixture; the problems found, and a tally. */
async function fuzz(path: string): Promise<{ tally: Tally; failures: string[] }> {
  const { allowed, refused } = callersOf(path);
  const batch = [...allowed, ...refused];
  // One copy of the fixture per caller: its calls run in sequence on it, so later calls meet earlier writes.
  // Reading the fixture and copying it take turns across lanes: on PostgreSQL a copy disconnects the source,
  // which would cut another lane's read of it short.
  const { dbs, samples } = await fixtureTurn(async () => {
    const samples = new Map<Caller, Samples>();
    for (const caller of batch) samples.set(caller, await samplesFor(caller));
    const dbs = new Map(await Promise.all(batch.map(async (c) => [c, await cloneDb(world.db)] as const)));
    return { dbs, samples };
  });
  const arbitrary = fc.oneof(
    ...batch.map((caller) => ({
      // Six in seven calls by callers allowed through; the refused callers share the seventh.
      weight: allowed.includes(caller) ? 6 * refused.length || 1 : allowed.length || 1,
      arbitrary: fc.tuple(fc.constant(caller), inputs(path, samples.get(caller)!)),
    })),
  );
  const cases = fc.sample(arbitrary, { numRuns: RUNS, seed: seedOf(path) });
  const tally: Tally = { calls: 0, reached: 0, ok: 0, codes: {}, ms: 0, rolledBack: 0, checksums: 0 };
  const failures: string[] = [];
  for (const [index, [caller, { input, mutated }]] of cases.entries()) {
    const db = dbs.get(caller)!;
    const where = () => `seed ${SEED} run ${index} of ${path} as ${caller}${mutated ? ` (hostile ${mutated})` : ""} with ${show(input)}`;
    // What the database was before the call (SQLite: its change counter and bytes, kept while nothing is written).
    const before = await watch.before(db);
    const started = performance.now();
    const api = createCaller(await createContext({ db, userId: world.ids[caller] }));
    const procedure = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], api) as (input: unknown) => Promise<unknown>;
    resetRateLimits();
    const reachedBefore = reached.get(db) ?? 0;
    let answer: string | null = null;
    let failed: TRPCError | null = null;
    try {
      answer = JSON.stringify((await procedure(input)) ?? null);
      tally.ok++;
    } catch (error) {
      if (!(error instanceof TRPCError) || error.code === "INTERNAL_SERVER_ERROR") {
        const cause = error instanceof TRPCError && error.cause ? ` (cause: ${error.cause instanceof Error ? error.cause.stack?.split("\n").slice(0, 3).join(" | ") : String(error.cause)})` : "";
        failures.push(`crash: ${where()}: ${String(error)}${cause}`);
      }
      failed = error instanceof TRPCError ? error : new TRPCError({ code: "INTERNAL_SERVER_ERROR" });
      tally.codes[failed.code] = (tally.codes[failed.code] ?? 0) + 1;
    }
    tally.calls++;
    tally.ms += performance.now() - started;
    if ((reached.get(db) ?? 0) > reachedBefore) tally.reached++;

    if (answer !== null) {
      const seesStudent = ["student", "school", "admin"].includes(caller) || (caller === "enterprise" && hostMaySeeStudent.has(path));
      const secrets = [...(seesStudent ? [] : studentSecrets), ...(noContacts.includes(caller) ? [hostContact, postingContact] : []), ...(caller === "anonymous" ? userIds() : [])];
      const found = secrets.filter((secret) => answer.includes(secret));
      // A value the caller sent and gets back is no leak.
      const asked = found.length ? JSON.stringify(input ?? null) : "";
      const leaked = found.filter((secret) => !asked.includes(secret));
      if (leaked.length) failures.push(`leak of ${leaked.join(", ")}: ${where()}`);
    }

    // Nothing written (not even and then rolled back), or a success: nothing to judge. A failed call that wrote
    // was rolled back (fine) or left a half-write (tests/helpers/write-watch.ts tells which, per engine).
    const after = await watch.after(db, before, failed !== null);
    if (!after.wrote || !failed) continue;
    tally.rolledBack++;
    tally.checksums += after.checksums;
    if (after.changed.length) failures.push(`half-write (${failed.code}, changed ${after.changed.join(", ")}): ${where()}`);
  }
  for (const db of dbs.values()) await releaseTestDb(db);
  return { tally, failures };
}

/** Every user id of the fixture: none of them in an answer to an anonymous visitor. */
const userIds = () => Object.values(world.ids).filter((id): id is string => !!id);

describe("fuzz: schema-generated inputs to every procedure", () => {
  it(`reaches the handlers and never answers 500, leaks or half-writes (${RUNS} runs per procedure)`, async () => {
    const started = performance.now();
    process.stdout.write(`fuzz seed ${SEED} (replay: FUZZ_SEED=${SEED}; one procedure: FUZZ_ONLY=<path>)\n`);
    const failures: string[] = [];
    const tallies = new Map<string, Tally>();
    const only = process.env.FUZZ_ONLY;
    // The password procedures wait on scrypt (in libuv's threads) first, so two lanes keep both cores busy.
    const queue = Object.keys(appRouter._def.procedures)
      .filter((path) => !only || path === only)
      .sort((a, b) => Number(b.startsWith("accounts.")) - Number(a.startsWith("accounts.")));
    const lane = async () => {
      for (let path = queue.shift(); path; path = queue.shift()) {
        const result = await fuzz(path);
        tallies.set(path, result.tally);
        failures.push(...result.failures);
      }
    };
    await Promise.all(Array.from({ length: LANES }, lane));

    const seconds = (performance.now() - started) / 1000;
    const ordered = [...tallies.entries()].sort(([a], [b]) => a.localeCompare(b));
    const rows = ordered.map(([path, t]) => {
      const codes = Object.entries(t.codes).sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${n}`).join(", ");
      return `${path.padEnd(36)} ${String(t.calls).padStart(4)} ${String(t.reached).padStart(5)} ${`${Math.round((100 * t.reached) / t.calls)}%`.padStart(4)} ${String(t.ok).padStart(4)} ${String(Math.round(t.ms)).padStart(6)}  ${codes}`;
    });
    const total = ordered.reduce((sum, [, t]) => ({ calls: sum.calls + t.calls, reached: sum.reached + t.reached, rolledBack: sum.rolledBack + t.rolledBack, checksums: sum.checksums + t.checksums }), { calls: 0, reached: 0, rolledBack: 0, checksums: 0 });
    process.stdout.write(
      [
        `${"procedure".padEnd(36)} runs reach    %   ok     ms  refusals`,
        ...rows,
        `${tallies.size} procedures, ${total.calls} calls, ${total.reached} reached a handler, ${total.rolledBack} failed after writing (all rolled back: ${total.checksums} row-by-row checksums), ${seconds.toFixed(1)} s (seed ${SEED})`,
        "",
      ].join("\n"),
    );

    expect(failures.slice(0, 30)).toEqual([]);
    const below = ordered.filter(([path, t]) => !(path in unreachable) && t.reached < REACH_FLOOR * t.calls).map(([path, t]) => `${path}: ${t.reached}/${t.calls} (seed ${SEED})`);
    expect(below).toEqual([]);
    if (!only) expect(tallies.size).toBe(Object.keys(accessMatrix).length);
  }, 300_000);
});
