import { randomBytes } from "node:crypto";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { buildIfNeeded } from "../../scripts/build-if-needed";
import { startServer } from "../../scripts/serve";
import { databaseUrl, runScriptOnPostgres, startPostgresServer } from "../helpers/postgres-global-setup";

declare module "vitest" {
  export interface ProvidedContext {
    /** The PostgreSQL database the "browser-pg" project's server runs on, for the tests to read back. */
    smokeDatabaseUrl: string;
  }
}

/**
 * globalSetup of the "browser-pg" project: the app as `npm start` runs it with DATABASE_URL=postgres://… — a
 * PostgreSQL server (embedded, or the one at TEST_DATABASE_URL; tests/helpers/postgres-global-setup.ts), a fresh
 * database migrated and filled with the demo data by scripts/prepare-db.ts, and the built app served on it.
 * Everything that loads the schema runs in child processes: this is vitest's main process (SQLite's projects too).
 */
export default async function setup(project: TestProject) {
  buildIfNeeded();
  const started = performance.now();
  const server = await startPostgresServer();
  const name = `smoke_${randomBytes(4).toString("hex")}`;
  const url = databaseUrl(server.adminUrl, name);
  const admin = postgres(server.adminUrl, { max: 1, onnotice: () => {} });
  let app: Awaited<ReturnType<typeof startServer>> | undefined;
  const teardown = async () => {
    try {
      app?.stop();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
    } finally {
      await admin.end({ timeout: 5 });
      await server.stop();
    }
  };
  const ms = (since: number) => `${Math.round(performance.now() - since)} ms`;
  const times: string[] = [`server ${ms(started)}`];
  try {
    let step = performance.now();
    await admin.unsafe(`create database "${name}"`);
    // `npm run db:seed` with DATABASE_URL: migrates and seeds the demo data, as `npm start` does.
    await runScriptOnPostgres("scripts/prepare-db.ts", url, "preparing the PostgreSQL demo database");
    times.push(`migrate and seed ${ms(step)}`);
    step = performance.now();
    app = await startServer(url);
    times.push(`app ${ms(step)}`);
  } catch (error) {
    await teardown();
    throw error;
  }
  console.log(`[browser-pg] demo database ${name} (PostgreSQL ${server.description}) served at ${app.baseURL} in ${ms(started)} (${times.join(", ")})`);
  project.provide("baseURL", app.baseURL);
  project.provide("smokeDatabaseUrl", url);
  return teardown;
}

