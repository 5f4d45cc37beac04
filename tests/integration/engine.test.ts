import { count, sql } from "drizzle-orm";
import { beforeEach, describe, expect, inject, it } from "vitest";
import type { Db } from "@/db/create";
import { configuredEngine } from "@/db/engine";
import { uniqueViolation } from "@/db/errors";
import { regions, specialties } from "@/db/schema";
import { rawRows, rawRun } from "@/db/sql";
import { isPostgres, withTransaction } from "@/db/transaction";
import { cloneDb, createTestDb, releaseTestDb } from "../helpers/db";

/**
 * The test infrastructure proves itself, in both projects: the "pg" project really runs on PostgreSQL and the
 * "unit" project on SQLite, each test database is fresh and separate, cloneDb copies, and db/transaction.ts's one
 * transaction port behaves the same on both engines (all or nothing, savepoints, writers one at a time), as does
 * db/errors.ts. The transaction tests use a table of their own, created here in the same SQL on both engines.
 */
const onPostgres = inject("postgres") !== undefined;

const probe = async (db: Db) => {
  await rawRun(db, sql`create table engine_probe (id integer primary key, name text not null unique)`);
};
const insert = (db: Db, id: number, name = `row ${id}`) => rawRun(db, sql`insert into engine_probe (id, name) values (${id}, ${name})`);
const names = async (db: Db) => (await rawRows<{ name: string }>(db, sql`select name from engine_probe order by name`)).map((r) => r.name);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
  await probe(db);
});

describe("the engine under test", () => {
  it("is PostgreSQL in the pg project and SQLite in the unit project", async () => {
    expect(configuredEngine()).toBe(onPostgres ? "postgres" : "sqlite");
    expect(isPostgres(db)).toBe(onPostgres);
    if (onPostgres) {
      const [row] = await rawRows<{ version: string; name: string }>(db, sql`select version() as version, current_database() as name`);
      expect(row!.version).toMatch(/^PostgreSQL (1[5-9]|[2-9]\d)\./);
      expect(row!.name).toMatch(new RegExp(`^${inject("postgres").prefix}[0-9a-f]{12}$`));
    } else {
      const [row] = await rawRows<{ version: string }>(db, sql`select sqlite_version() as version`);
      expect(row!.version).toMatch(/^3\./);
    }
  });

  it("gives each test database the migrated schema and the reference data", async () => {
    expect((await db.select({ n: count() }).from(regions))[0]!.n).toBeGreaterThan(3000);
    expect((await db.select({ n: count() }).from(specialties))[0]!.n).toBeGreaterThan(1000);
  });

  it("makes separate databases, and cloneDb a copy that goes its own way", async () => {
    await insert(db, 1);
    const other = await createTestDb();
    await expect(rawRows(other, sql`select * from engine_probe`)).rejects.toThrow();
    const copy = await cloneDb(db);
    await insert(copy, 2);
    await insert(db, 3);
    expect(await names(copy)).toEqual(["row 1", "row 2"]);
    // The source still works after being copied (on PostgreSQL its pool reconnects).
    expect(await names(db)).toEqual(["row 1", "row 3"]);
  });

  it("releases a database before its file ends", async () => {
    const copy = await cloneDb(db);
    const [row] = await rawRows<{ name: string }>(copy, onPostgres ? sql`select current_database() as name` : sql`select 'main' as name`);
    await releaseTestDb(copy);
    await expect(rawRows(copy, sql`select 1`)).rejects.toThrow();
    if (onPostgres) {
      const left = await rawRows<{ n: number }>(db, sql`select count(*) as n from pg_database where datname = ${row!.name}`);
      expect(Number(left[0]!.n)).toBe(0);
    }
  });
});

describe("withTransaction", () => {
  it("writes nothing when its body fails", async () => {
    await expect(
      withTransaction(db, async (tx) => {
        await insert(tx, 1);
        await insert(tx, 2);
        throw new Error("the body fails");
      }),
    ).rejects.toThrow("the body fails");
    expect(await names(db)).toEqual([]);
  });

  it("commits what its body wrote", async () => {
    expect(await withTransaction(db, async (tx) => (await insert(tx, 1)) + (await insert(tx, 2)))).toBe(2);
    expect(await names(db)).toEqual(["row 1", "row 2"]);
  });

  it("rolls a nested call back to its savepoint only, also when the nested call is given the outer db", async () => {
    await withTransaction(db, async (tx) => {
      await insert(tx, 1, "outer");
      await expect(
        withTransaction(tx, async (inner) => {
          await insert(inner, 2, "inner");
          throw new Error("the nested body fails");
        }),
      ).rejects.toThrow("the nested body fails");
      await withTransaction(db, async (inner) => {
        await insert(inner, 3, "nested on db");
      });
      await expect(withTransaction(db, async (inner) => insert(inner, 4, "outer"))).rejects.toThrow();
      await insert(tx, 5, "after");
    });
    expect(await names(db)).toEqual(["after", "nested on db", "outer"]);
  });

  it("lets two writers run one after the other: the second begins after the first commits and sees its row", async () => {
    const events: string[] = [];
    let entered!: () => void;
    const firstIn = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = withTransaction(db, async (tx) => {
      events.push("first begins");
      await insert(tx, 1);
      entered();
      await gate;
      events.push("first commits");
    });
    await firstIn;
    const second = withTransaction(db, async (tx) => {
      const [row] = await rawRows<{ n: number }>(tx, sql`select count(*) as n from engine_probe`);
      events.push(`second begins, sees ${Number(row!.n)}`);
      await insert(tx, 2);
    });
    await pause(150);
    if (onPostgres) {
      // The second writer's transaction is open on its own connection, waiting for the writers' advisory lock.
      const waiting = await rawRows<{ n: number }>(db, sql`select count(*) as n from pg_locks where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())`);
      expect(Number(waiting[0]!.n)).toBe(1);
    }
    events.push("released");
    release();
    await Promise.all([first, second]);
    expect(events).toEqual(["first begins", "released", "first commits", "second begins, sees 1"]);
    expect(await names(db)).toEqual(["row 1", "row 2"]);
  });
});

describe("uniqueViolation", () => {
  it("recognises a unique violation and names the column, on either engine", async () => {
    await insert(db, 1, "taken");
    const error = await insert(db, 2, "taken").then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).not.toBeNull();
    expect(uniqueViolation(error)).toContain("engine_probe.name");
    const primaryKey = await insert(db, 1, "other").then(
      () => null,
      (e: unknown) => e,
    );
    expect(uniqueViolation(primaryKey)).toContain("engine_probe.id");
    expect(uniqueViolation(new Error("something else"))).toBeNull();
  });
});
