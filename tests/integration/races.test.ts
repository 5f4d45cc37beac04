import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteDb, type Db, type SqliteDb } from "@/db/create";
import { configuredEngine } from "@/db/engine";
import { loadReferenceData } from "@/db/reference";
import { applications, invitations, placements, studentProfiles, users } from "@/db/schema";
import { addDays } from "@/server/compliance/dates";
import { checkHostInternCap, checkSeats, type Violation } from "@/server/compliance/rules";
import { translate, type Locale } from "@/server/i18n/messages";
import { todayInChina } from "@/server/schemas/accounts";
import { callerFor, createTestDb, testDbUrl } from "../helpers/db";
import { createAdmin, createEnterprise, createInvitationFor, createSchool, createStudent, placementInput, studentInput } from "../helpers/factories";
import type { FromWorker, RaceCall, RaceDatabase, RaceResult, ToWorker } from "../helpers/race-worker";

/**
 * Issue 15, item 4 (issue 16: on both engines): real races. Several OS processes on one database, each its own
 * connection as two server instances would have — a SQLite file opened by path (the "unit" project), or the
 * test's PostgreSQL database by URL with a pool per process (the "pg" project) — go for the one thing left — the last seat of a posting, an invitation code's last use,
 * the host's last intern under its 10% cap, an offer that the student, the host and the student again (another
 * tab) act on at once — through the real procedures (tRPC's fetch adapter, so an unexpected error is a real 500).
 * Each round the racers meet at a barrier inside the deciding transaction's call, so they all BEGIN together;
 * each reports when its transaction began and ended, and the test checks that they did overlap (otherwise it
 * would not be racing). Exactly one wins, every round; the others get the specific refusal in their language,
 * and nothing of theirs is written.
 *
 * The racers' span (race-worker.ts): SQLite, from BEGIN IMMEDIATE (waiting on the file's write lock) to
 * COMMIT/ROLLBACK; PostgreSQL, around the pool's transaction that takes withTransaction's advisory lock first,
 * the barrier before its BEGIN so that the racers' connections queue on the lock at once. On PostgreSQL the
 * database is a copy of the pg project's migrated template (createTestDb), dropped when the file ends.
 */

// The racers stay up across rounds (driven by IPC) and every round's data is written by this process; the
// time goes mostly to the sign-up race (scrypt, 4 hashes a round). Timeouts leave room for a loaded machine.
const RACERS = 4;
const ROUNDS = 100;
/** Share of rounds in which at least two racers' transactions must have been open at the same moment. */
const MIN_OVERLAP = 0.5;
const locales: Locale[] = ["zh-CN", "en"];
const localeOf = (i: number) => locales[i % 2]!;

let dir: string;
let db: Db;
let sqlite: SqliteDb | undefined;
let adminId: string;
let school: Awaited<ReturnType<typeof createSchool>>;
let code: string;
const workers: ChildProcess[] = [];
const waiting = new Map<ChildProcess, (message: FromWorker) => void>();

function send(worker: ChildProcess, message: ToWorker): Promise<FromWorker> {
  return new Promise((resolve) => {
    waiting.set(worker, resolve);
    worker.send(message);
  });
}

beforeAll(async () => {
  // The folder holds the barrier files on both engines, and the SQLite database file.
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "edubridge-races-"));
  let database: RaceDatabase;
  if (configuredEngine() === "postgres") {
    db = await createTestDb();
    database = { url: testDbUrl(db)! };
  } else {
    const file = path.join(dir, "race.db");
    db = sqlite = createSqliteDb(file);
    await loadReferenceData(db);
    database = { file };
  }
  adminId = (await createAdmin(db)).id;
  school = await createSchool(db);
  code = (await createInvitationFor(db, school, { maxUses: 1000 })).code;

  // The parent's clock, when the suite runs at another date (FAKE_TODAY), so the racers read our dates as we do.
  const drift = Date.now() - (performance.timeOrigin + performance.now());
  const clockOffsetMs = Math.abs(drift) > 60_000 ? Math.round(drift) : 0;
  for (let i = 0; i < RACERS; i++) {
    // DATABASE_URL decides the racer's tables (db/schema/index.ts): the test database's URL on PostgreSQL, "" on SQLite.
    const env = { ...process.env, DATABASE_URL: "url" in database ? database.url : "" };
    const worker = fork(path.join(__dirname, "../helpers/race-worker.ts"), [], { execArgv: ["--import", "tsx"], env, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    worker.on("message", (message: FromWorker) => {
      const resolve = waiting.get(worker);
      waiting.delete(worker);
      resolve?.(message);
    });
    workers.push(worker);
  }
  await Promise.all(workers.map((w) => send(w, { type: "init", database, clockOffsetMs })));
}, 60_000);

afterAll(() => {
  for (const w of workers) w.kill("SIGKILL");
  // PostgreSQL: the pool and the database go with the file's other test databases (tests/helpers/postgres-setup.ts).
  sqlite?.$client.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

let gates = 0;
/** One round: racer i makes calls[i]; they meet at the barrier, then their transactions go at once. */
async function race(round: number, calls: RaceCall[]): Promise<RaceResult[]> {
  const gate = { file: path.join(dir, `gate-${gates++}`), parties: calls.length };
  fs.writeFileSync(gate.file, "");
  return (await Promise.all(calls.map((call, i) => send(workers[i]!, { type: "race", round, gate, call })))) as RaceResult[];
}

/** Whether at least two racers' transactions were open at the same moment. */
function overlapped(results: RaceResult[]) {
  const spans = results.map((r) => r.tx).filter((t) => t !== null);
  return spans.some((a, i) => spans.some((b, j) => i < j && a.begin < b.end && b.begin < a.end));
}

/** How the rounds went: what went wrong in a round is kept, one line per round, for the failure message. */
class Tally {
  rounds = 0;
  overlapping = 0;
  gateMissed = 0;
  readonly bad = new Map<number, string[]>();

  problem(round: number, text: string) {
    this.bad.set(round, [...(this.bad.get(round) ?? []), text]);
  }

  /** Exactly one winner; every loser refused as `refusal` says (null: as it must be). */
  judge(round: number, results: RaceResult[], refusal: (i: number, r: RaceResult) => string | null) {
    this.rounds++;
    if (overlapped(results)) this.overlapping++;
    this.gateMissed += results.filter((r) => r.gateMet !== true).length;
    const winners = results.filter((r) => r.status === 200).length;
    if (winners !== 1) this.problem(round, `${winners} winners`);
    results.forEach((r, i) => {
      if (r.status === 200) return;
      const wrong = refusal(i, r);
      const body = r.body as { message?: string } | undefined;
      if (wrong) this.problem(round, `racer ${i}: ${r.status} ${wrong} "${body?.message ?? ""}"${r.cause ? ` (${r.cause})` : ""}`);
    });
    return results.map((r, i) => (r.status === 200 ? i : -1)).filter((i) => i >= 0);
  }

  check(name: string) {
    // One line per race in the test output: how often the racers' transactions were open at the same time.
    process.stdout.write(`races (${configuredEngine()}): ${name}: ${this.rounds} rounds, overlapping in ${this.overlapping}, barrier missed ${this.gateMissed} times, bad rounds ${this.bad.size}\n`);
    expect([...this.bad].map(([round, problems]) => `round ${round}: ${problems.join("; ")}`)).toEqual([]);
    expect(this.rounds).toBe(ROUNDS);
    expect(this.overlapping).toBeGreaterThanOrEqual(ROUNDS * MIN_OVERLAP);
  }
}

type ErrorBody = { message?: string; data?: { code?: string; fieldErrors?: Record<string, string[]>; violations?: { rule: string; message: string }[] } } | undefined;

/** A loser refused by exactly this internship rule: 400, the rule's message in the racer's language. */
function refusedByRule(expected: Violation) {
  return (i: number, r: RaceResult) => {
    const body = r.body as ErrorBody;
    const rules = body?.data?.violations?.map((v) => v.rule).join(",");
    const text = localeOf(i) === "en" ? expected.en : expected.zh;
    return r.status === 400 && rules === expected.rule && body?.message === text ? null : `rules ${rules ?? "-"}`;
  };
}

/** A loser refused with this message key: the status, the translated message (beside `field`, if given). */
function refusedWith(status: number, key: Parameters<typeof translate>[1], field?: string) {
  return (i: number, r: RaceResult) => {
    const body = r.body as ErrorBody;
    const text = translate(localeOf(i), key);
    const fields = field ? JSON.stringify(body?.data?.fieldErrors) === JSON.stringify({ [field]: [text] }) : true;
    return r.status === status && body?.message === text && fields ? null : `${body?.data?.code ?? "-"}`;
  };
}

// Dates relative to the test's today; students past their first year on the start date, adults.
const today = () => todayInChina();
const dates = () => ({ applyBy: addDays(today(), 30), startDate: addDays(today(), 40), endDate: addDays(today(), 160) });
function studentFacts() {
  const start = dates().startDate;
  const firstYearIntake = Number(start.slice(0, 4)) - (start.slice(5) >= "09-01" ? 0 : 1);
  return { enrolmentYear: firstYearIntake - 1, birthDate: "2004-06-01" };
}

async function students(n: number) {
  return Promise.all(Array.from({ length: n }, () => createStudent(db, code, studentFacts())));
}

/** A host whose postings the administrator publishes; `offer` walks a student's application to an offer. */
async function host(staffCount: number) {
  const enterprise = await createEnterprise(db, { staffCount });
  const owner = await callerFor(db, enterprise.userId);
  const admin = await callerFor(db, adminId);
  return {
    ...enterprise,
    async publish() {
      const { id } = await owner.postings.create({ organisationId: enterprise.organisationId, posting: placementInput({ postId: enterprise.postId, quantity: 1, ...dates() }), submit: true });
      await admin.postings.approve({ postingId: id });
      return id;
    },
    async offer(postingId: string, studentId: string) {
      const { id } = await (await callerFor(db, studentId)).applications.submit({ postingId, coverNote: "" });
      await owner.applications.move({ organisationId: enterprise.organisationId, applicationId: id, move: { action: "offer", offerStartDate: dates().startDate, offerNote: "" } });
      return id;
    },
    close: (postingId: string) => owner.postings.close({ organisationId: enterprise.organisationId, postingId }),
  };
}

const accept = (userId: string, applicationId: string, i: number): RaceCall => ({ path: "applications.respond", input: { applicationId, accept: true }, userId, locale: localeOf(i) });

/**
 * The school ends the round's placements (a school may decline to approve one), so the winner races again in the
 * next round and the host's intern count is back where it was: no new accounts to hash every round.
 */
async function release(placementIds: string[]) {
  const schoolCaller = await callerFor(db, school.userId);
  for (const placementId of placementIds) await schoolCaller.placements.terminate({ placementId, reason: "学校未批准" });
}

const placementsOf = async (column: typeof placements.postingId | typeof placements.applicationId, ids: string[]) =>
  db.select({ id: placements.id, studentId: placements.studentId }).from(placements).where(inArray(column, ids));
const offersLeft = async (ids: string[]) => (await db.select({ n: count() }).from(applications).where(and(inArray(applications.id, ids), eq(applications.status, "offered"))))[0]!.n;

describe("racing processes on one database", () => {
  it(`gives a posting's last seat to exactly one of ${RACERS} students accepting at once, ${ROUNDS} rounds`, async () => {
    // A host large enough that its caps never bind: only the seat decides.
    const h = await host(5000);
    const pool = await students(RACERS);
    const tally = new Tally();
    for (let round = 0; round < ROUNDS; round++) {
      const postingId = await h.publish();
      const applicationIds: string[] = [];
      for (const s of pool) applicationIds.push(await h.offer(postingId, s.userId));

      const results = await race(round, pool.map((s, i) => accept(s.userId, applicationIds[i]!, i)));
      const won = tally.judge(round, results, refusedByRule(checkSeats(1, 1)!));
      // The one placement is the winner's; every loser's offer is still open, as it was.
      const taken = await placementsOf(placements.postingId, [postingId]);
      const left = await offersLeft(applicationIds);
      if (taken.length !== 1 || taken[0]!.studentId !== pool[won[0] ?? -1]?.userId || left !== RACERS - 1) {
        tally.problem(round, `${taken.length} placements, ${left} offers left`);
      }
      await release(taken.map((p) => p.id));
    }
    tally.check("last seat");
  }, 120_000);

  it(`lets exactly one of ${RACERS} students signing up at once use an invitation code's last use, ${ROUNDS} rounds`, async () => {
    const tally = new Tally();
    for (let round = 0; round < ROUNDS; round++) {
      // Every fourth code has two uses, one of them already taken: the race is for the last one either way.
      const maxUses = round % 4 === 3 ? 2 : 1;
      const invitation = await createInvitationFor(db, school, { maxUses });
      if (maxUses === 2) await createStudent(db, invitation.code, studentFacts());
      const inputs = Array.from({ length: RACERS }, () => studentInput(invitation.code, studentFacts()));

      const results = await race(round, inputs.map((input, i) => ({ path: "accounts.signUpStudent", input, userId: null, locale: localeOf(i), address: `race-${round}-${i}` })));
      const won = tally.judge(round, results, refusedWith(400, "errors.invitationUsedUp", "invitationCode"));
      // The code is used up exactly, the winner among those who joined with it; no loser has an account.
      const used = (await db.select({ usedCount: invitations.usedCount }).from(invitations).where(eq(invitations.id, invitation.id)).limit(1))[0]!.usedCount;
      const joined = (await db.select({ email: users.email }).from(users).innerJoin(studentProfiles, eq(studentProfiles.userId, users.id)).where(eq(studentProfiles.invitationId, invitation.id))).map((u) => u.email);
      const racersJoined = inputs.filter((input) => joined.includes(input.email!));
      if (used !== maxUses || joined.length !== maxUses || racersJoined.length !== 1 || racersJoined[0] !== inputs[won[0] ?? -1]) {
        tally.problem(round, `used ${used} of ${maxUses}, ${racersJoined.length} racers joined`);
      }
    }
    tally.check("invitation's last use");
  }, 120_000);

  it(`admits exactly one of ${RACERS} students accepting at once on ${RACERS} postings when one more intern fits the host's 10% cap, ${ROUNDS} rounds`, async () => {
    // 10 staff: one intern is 10%, a second is refused (its post of 10 staff allows 2, so only the host cap binds).
    const h = await host(10);
    const pool = await students(RACERS);
    const tally = new Tally();
    for (let round = 0; round < ROUNDS; round++) {
      // One seat on each of four postings, offered to one student each and then closed to new applications: the
      // cap now counts only the interns placed (none), every seat is free, and one more intern fits the host.
      const applicationIds: string[] = [];
      for (const s of pool) {
        const postingId = await h.publish();
        applicationIds.push(await h.offer(postingId, s.userId));
        await h.close(postingId);
      }

      const results = await race(round, pool.map((s, i) => accept(s.userId, applicationIds[i]!, i)));
      const won = tally.judge(round, results, refusedByRule(checkHostInternCap(2, 10, null)!));
      const placed = await placementsOf(placements.applicationId, applicationIds);
      const left = await offersLeft(applicationIds);
      if (placed.length !== 1 || placed[0]!.studentId !== pool[won[0] ?? -1]?.userId || left !== RACERS - 1) {
        tally.problem(round, `${placed.length} placements at the host, ${left} offers left`);
      }
      await release(placed.map((p) => p.id));
    }
    tally.check("host's last cap slot");
  }, 120_000);

  it(`settles an offer that the student accepts, declines and withdraws while the host rejects it, all at once, ${ROUNDS} rounds`, async () => {
    const h = await host(5000);
    const [s] = await students(1);
    const tally = new Tally();
    const outcomes: Record<string, number> = {};
    for (let round = 0; round < ROUNDS; round++) {
      const applicationId = await h.offer(await h.publish(), s!.userId);
      const moves: [RaceCall, string][] = [
        [accept(s!.userId, applicationId, 0), "accepted"],
        [{ path: "applications.move", input: { organisationId: h.organisationId, applicationId, move: { action: "reject", reason: "岗位已招满" } }, userId: h.userId, locale: localeOf(1) }, "rejected"],
        [{ path: "applications.respond", input: { applicationId, accept: false }, userId: s!.userId, locale: localeOf(2) }, "declined"],
        [{ path: "applications.withdraw", input: { applicationId }, userId: s!.userId, locale: localeOf(3) }, "withdrawn"],
      ];
      // Rotated, so that each move is made by each racer (and in each language) in turn.
      const order = moves.map((_, i) => moves[(i + round) % moves.length]!);
      const results = await race(round, order.map(([call], i) => ({ ...call, locale: localeOf(i) })));
      const won = tally.judge(round, results, refusedWith(409, "errors.applicationWrongState"));
      // The application is in the state of the one move that won; a placement exists only if that was accepting.
      const status = (await db.select({ status: applications.status }).from(applications).where(eq(applications.id, applicationId)).limit(1))[0]!.status;
      const placed = await placementsOf(placements.applicationId, [applicationId]);
      const expected = won.length === 1 ? order[won[0]!]![1] : "one winner";
      outcomes[status] = (outcomes[status] ?? 0) + 1;
      if (status !== expected || placed.length !== (status === "accepted" ? 1 : 0)) tally.problem(round, `status ${status}, expected ${expected}, ${placed.length} placements`);
      await release(placed.map((p) => p.id));
    }
    process.stdout.write(`races (${configuredEngine()}): offer outcomes ${JSON.stringify(outcomes)}\n`);
    tally.check("one offer, four moves");
  }, 120_000);
});
