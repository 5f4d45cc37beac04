import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demoAccounts } from "@/scripts/seed/seed";
import { signInOverHttp, startServer } from "@/scripts/serve";

/**
 * Several instances on one PostgreSQL, and their faults (issue 17): two more app processes serve the "browser-pg"
 * project's demo database beside its own. One is killed (-9) under load: every write it or the other accepted is
 * stored exactly once, and the other goes on answering. Then every connection to the database is cut (as a restart
 * of PostgreSQL cuts them): the instances reconnect, LISTEN resumes, and a change made meanwhile is found.
 */

let sql: postgres.Sql;
let a: Awaited<ReturnType<typeof startServer>>;
let b: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  const url = inject("smokeDatabaseUrl");
  sql = postgres(url, { max: 1, onnotice: () => {} });
  [a, b] = await Promise.all([startServer(url), startServer(url)]);
});
afterAll(async () => {
  a?.stop();
  b?.stop();
  await sql?.end({ timeout: 5 });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const trpcGet = (base: string, proc: string, input: unknown) => `${base}/api/trpc/${proc}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

async function search(base: string, query: string): Promise<string[]> {
  const res = await fetch(trpcGet(base, "search.postings", { query, limit: 50 }));
  expect(res.status).toBe(200);
  const body = (await res.json()) as { result: { data: { json: { items: { id: string }[] } } } };
  return body.result.data.json.items.map((i) => i.id);
}

/** Searches until `done` says the answer is the awaited one (a request meeting a cut connection is retried), for up to 3 s. */
async function searchUntil(base: string, query: string, done: (ids: string[]) => boolean): Promise<string[]> {
  const deadline = Date.now() + 3000;
  let ids: string[] = [];
  while (Date.now() < deadline) {
    try {
      ids = await search(base, query);
      if (done(ids)) return ids;
    } catch {
      // the request that met a cut connection
    }
    await sleep(100);
  }
  return ids;
}

describe("several instances on one PostgreSQL", () => {
  it("loses no accepted write when one instance is killed under load, and the other keeps answering", async () => {
    const student = demoAccounts.find((d) => d.role === "student")!;
    // A session signed by one instance is good on the other: one AUTH_SECRET, nothing in-process.
    const cookie = await signInOverHttp(a.baseURL, student.email);
    const [studentRow] = await sql<{ id: string }[]>`select id from users where email = ${student.email}`;
    // Postings the rules let this student apply to, not yet applied to: its own recommendations.
    const recommended = await fetch(trpcGet(b.baseURL, "match.forStudent", { limit: 20 }), { headers: { cookie } });
    expect(recommended.status).toBe(200);
    // postgres-smoke.test.ts has this student apply to the demo enterprise's placement on the same database, and the
    // two files run in either order: that posting is left to it.
    const smokePostings = (await sql<{ id: string }[]>`select id from postings where title = 'Java 开发工程师岗位实习'`).map((r) => r.id);
    const targets = ((await recommended.json()) as { result: { data: { json: { items: { id: string }[] } } } }).result.data.json.items.map((i) => i.id).filter((id) => !smokePostings.includes(id));
    expect(targets.length).toBeGreaterThan(3);

    const accepted: string[] = [];
    const answers: { instance: "a" | "b"; afterKill: boolean; status: number | "refused" }[] = [];
    let killed = false;
    const requests: Promise<void>[] = [];
    // 20 requests a second for 4 seconds, alternating between the instances; B is killed after one second.
    for (let i = 0; i < 80; i++) {
      if (i === 20) {
        process.kill(b.pid, "SIGKILL");
        killed = true;
      }
      const instance = i % 2 === 0 ? "a" : "b";
      const base = instance === "a" ? a.baseURL : b.baseURL;
      const afterKill = killed;
      const target = i % 8 === 0 ? targets[(i / 8) % targets.length] : undefined;
      requests.push(
        (async () => {
          try {
            const res = target
              ? await fetch(`${base}/api/trpc/applications.submit`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ json: { postingId: target, coverNote: "故障测试" } }) })
              : await fetch(trpcGet(base, "search.postings", { query: "实习", limit: 20 }));
            if (target && res.ok) accepted.push(((await res.json()) as { result: { data: { json: { id: string } } } }).result.data.json.id);
            else await res.arrayBuffer();
            answers.push({ instance, afterKill, status: res.status });
          } catch {
            answers.push({ instance, afterKill, status: "refused" });
          }
        })(),
      );
      await sleep(50);
    }
    await Promise.all(requests);

    // A answered everything, before and after B died, without a server error.
    const fromA = answers.filter((x) => x.instance === "a");
    expect(fromA).toHaveLength(40);
    expect(fromA.filter((x) => x.status === "refused" || (typeof x.status === "number" && x.status >= 500))).toEqual([]);
    // B's requests after its death were refused at the socket, not half-answered.
    expect(answers.filter((x) => x.instance === "b" && x.afterKill && x.status !== "refused").length).toBeLessThanOrEqual(1);
    // Every accepted application is stored, once; none stored that was not accepted or still in flight at the kill.
    expect(accepted.length).toBeGreaterThan(0);
    const stored = await sql<{ id: string }[]>`select id from applications where student_id = ${studentRow!.id} and cover_note = '故障测试'`;
    const storedIds = stored.map((r) => r.id);
    expect(new Set(storedIds).size).toBe(storedIds.length);
    for (const id of accepted) expect(storedIds).toContain(id);
    const twice = await sql`select posting_id from applications where student_id = ${studentRow!.id} group by posting_id having count(*) > 1`;
    expect(twice).toHaveLength(0);
  });

  it("reconnects after every database connection is cut, and misses no change made meanwhile", async () => {
    const [changed, closed] = await sql<{ id: string }[]>`
      select id from postings where status = 'published' and host_verified and kind = 'placement_internship' and apply_by >= to_char(now(), 'YYYY-MM-DD') order by id limit 2`;
    const marker = `断线恢复岗位${Date.now() % 100000}`;
    const closing = `断线关闭岗位${Date.now() % 100000}`;
    await sql`update postings set title = ${closing} where id = ${closed!.id}`;
    expect(await searchUntil(a.baseURL, closing, (ids) => ids.length > 0)).toEqual([closed!.id]);
    expect(await search(a.baseURL, marker)).toEqual([]);

    // Every other connection to the database is cut (A's pool and its LISTEN connection among them), and changes are
    // written before A can have reconnected: its notifications for them may never arrive.
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;
    await sql`update postings set title = ${marker} where id = ${changed!.id}`;
    await sql`update postings set status = 'closed' where id = ${closed!.id}`;

    // A reconnects (a request may meet a cut connection once) and finds both changes within two seconds.
    expect(await searchUntil(a.baseURL, marker, (ids) => ids.length > 0)).toEqual([changed!.id]);
    expect(await searchUntil(a.baseURL, closing, (ids) => ids.length === 0)).toEqual([]);
    // And its readiness says so.
    expect((await fetch(`${a.baseURL}/api/ready`)).status).toBe(200);
  });
});
