// db/local-writes.ts: which statements make the search index read its change feed before a query (a user who has
// just written sees it at once). Writes and their commits count; read transactions and the funnel's counts do not.
import { beforeEach, describe, expect, it } from "vitest";
import { noteStatement, wroteWithin } from "@/db/local-writes";

const state = globalThis as unknown as { edubridgeLastLocalWrite?: number };
const recently = () => wroteWithin(60_000);

describe("noteStatement", () => {
  beforeEach(() => {
    state.edubridgeLastLocalWrite = undefined;
    // Close any transaction a previous test left marked on these connections.
    for (const c of ["1.1", "1.2"]) noteStatement("rollback", c);
  });

  it("counts a write, and reads not at all", () => {
    noteStatement('select "id" from "postings" where "id" = $1', "1.1");
    expect(recently()).toBe(false);
    noteStatement('update "postings" set "status" = $1 where "id" = $2', "1.1");
    expect(recently()).toBe(true);
  });

  it("counts the commit of a transaction that wrote, not of one that only read", () => {
    noteStatement("begin", "1.1");
    noteStatement("set local work_mem = '256MB'", "1.1");
    noteStatement("select rowid from postings where true", "1.1");
    noteStatement("commit", "1.1");
    expect(recently()).toBe(false);

    noteStatement("begin", "1.2");
    noteStatement('insert into "postings" ("id") values ($1)', "1.2");
    state.edubridgeLastLocalWrite = undefined;
    // Another connection's read-only commit is not this one's.
    noteStatement("begin", "1.1");
    noteStatement("commit", "1.1");
    expect(recently()).toBe(false);
    noteStatement("commit", "1.2");
    expect(recently()).toBe(true);
  });

  it("keeps a transaction's write through a rollback to a savepoint, and forgets it on a rollback", () => {
    noteStatement("begin", "1.1");
    noteStatement('delete from "posting_specialties" where "posting_id" = $1', "1.1");
    noteStatement("savepoint s1", "1.1");
    noteStatement("rollback to savepoint s1", "1.1");
    state.edubridgeLastLocalWrite = undefined;
    noteStatement("commit", "1.1");
    expect(recently()).toBe(true);

    noteStatement("begin", "1.1");
    noteStatement('update "postings" set "quantity" = 2', "1.1");
    noteStatement("rollback", "1.1");
    state.edubridgeLastLocalWrite = undefined;
    noteStatement("begin", "1.1");
    noteStatement("commit", "1.1");
    expect(recently()).toBe(false);
  });

  it("leaves out the funnel's impression and view counts, flushed every second while anyone searches", () => {
    noteStatement("INSERT INTO funnel_daily (posting_id, day, source, impressions, views) SELECT 1", "1.1");
    noteStatement('insert into "funnel_view_sources" ("posting_id", "student_id") values ($1, $2) on conflict do update set "at" = $3', "1.1");
    expect(recently()).toBe(false);
    // A table whose name merely begins alike is a write like any other.
    noteStatement('insert into "funnel_daily_archive" ("id") values ($1)', "1.1");
    expect(recently()).toBe(true);
  });

  it("counts a commit whose connection is unknown, to be safe", () => {
    noteStatement("commit");
    expect(recently()).toBe(true);
  });
});
