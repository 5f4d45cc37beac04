import { randomBytes } from "node:crypto";
import postgres from "postgres";

/**
 * The PostgreSQL side of createTestDb/cloneDb (tests/helpers/db.ts), kept free of the schema so that the pg
 * project's setup file (tests/helpers/postgres-setup.ts) can import it before DATABASE_URL decides the tables.
 *
 * Every test database is a copy of the run's template (migrated once, reference data loaded, by
 * tests/helpers/postgres-global-setup.ts): `CREATE DATABASE t_<run>_<random> TEMPLATE tpl_<run>`, some 20–40 ms.
 * The databases a test file made are dropped when the file ends (postgres-setup.ts calls dropTestDatabases from
 * an afterAll); whatever a crashed worker left is dropped by the global teardown, by the run's name prefix.
 */

/** Connections each test database's pool may open: enough for concurrent transactions in one test, few enough
 * for max_connections when a file holds dozens of databases (postgres.js opens them only when needed). */
export const testPoolSize = 4;

interface Settings {
  adminUrl: string;
  template: string;
  prefix: string;
}

function settings(): Settings {
  const adminUrl = process.env.DATABASE_URL;
  const template = process.env.EDUBRIDGE_TEST_PG_TEMPLATE;
  const prefix = process.env.EDUBRIDGE_TEST_PG_PREFIX;
  if (!adminUrl || !template || !prefix) {
    throw new Error("PostgreSQL test databases need the pg project's setup (tests/helpers/postgres-setup.ts): run `vitest --project pg`.");
  }
  return { adminUrl, template, prefix };
}

let admin: postgres.Sql | undefined;
function adminSql(): postgres.Sql {
  admin ??= postgres(settings().adminUrl, { max: 4, onnotice: () => {} });
  return admin;
}

interface Made {
  name: string;
  close?: () => Promise<void>;
}
const made: Made[] = [];

/** The URL of database `name` on the test server (the admin URL with another database). */
export function testDatabaseUrl(name: string): string {
  const url = new URL(settings().adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A new database holding what `source` holds (the run's template when omitted); returns its name and URL.
 * `source` must have no open connections while it is copied (PostgreSQL's rule for CREATE DATABASE … TEMPLATE):
 * pass `disconnect` to close the connections of a test database first; its pool reconnects on its next query.
 * Copies of the template are made one ahead: a file that asks for one will most likely ask for another, and
 * the copy (a few hundred ms under load) then happens while its test runs.
 */
export async function copyDatabase(source?: string, { disconnect = false } = {}): Promise<{ name: string; url: string }> {
  if (source !== undefined) return create(source, disconnect);
  const next = spare ?? create(settings().template, false);
  spare = create(settings().template, false);
  spare.catch(() => {});
  return next;
}

let spare: Promise<{ name: string; url: string }> | undefined;

async function create(from: string, disconnect: boolean): Promise<{ name: string; url: string }> {
  const name = `${settings().prefix}${randomBytes(6).toString("hex")}`;
  const sql = adminSql();
  for (let attempt = 1; ; attempt++) {
    // Each terminated backend is waited for (up to 10 s); CREATE DATABASE itself waits only 5 s, and a loaded
    // machine, or an autovacuum worker arriving on the source, has been seen to need a second try.
    if (disconnect) await sql`select pg_terminate_backend(pid, 10000) from pg_stat_activity where datname = ${from} and pid <> pg_backend_pid()`;
    try {
      await sql.unsafe(`create database "${name}" template "${from}"`);
      break;
    } catch (error) {
      if ((error as { code?: string }).code !== "55006" || attempt === 3) throw error;
    }
  }
  made.push({ name });
  if (made.length > keptConnected) {
    // A file that copies a database for each of hundreds of cases would otherwise hold a connection on each copy
    // until it ends. Idle ones only: their pools reconnect if a test comes back to them.
    const older = made.slice(0, -keptConnected).map((m) => m.name);
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = any(${older}) and state = 'idle'`;
  }
  return { name, url: testDatabaseUrl(name) };
}

/** How many of a file's most recent test databases keep their idle connections. */
const keptConnected = 30;

/** Registers how to close the pool opened on a test database, so that it is closed before the database is dropped. */
export function onDrop(name: string, close: () => Promise<void>) {
  const entry = made.find((m) => m.name === name);
  if (entry) entry.close = close;
}

/** Closes the pools on this file's test databases and drops them (FORCE ends any connection left). */
export async function dropTestDatabases() {
  await spare?.catch(() => {});
  spare = undefined;
  const entries = made.splice(0);
  await Promise.all(entries.map((m) => m.close?.().catch(() => {})));
  if (!admin) return;
  const sql = admin;
  admin = undefined;
  // In parallel on the admin pool's connections; what is left (a worker that died) goes in the global teardown.
  await Promise.all(entries.map((m) => sql.unsafe(`drop database if exists "${m.name}" with (force)`)));
  await sql.end({ timeout: 5 });
}

/** Closes the pool of one test database and drops it now, instead of when its file ends. */
export async function dropTestDatabase(name: string) {
  const index = made.findIndex((m) => m.name === name);
  if (index < 0) return;
  const [entry] = made.splice(index, 1);
  await entry!.close?.().catch(() => {});
  await adminSql().unsafe(`drop database if exists "${name}" with (force)`);
}
