import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };

/** The unit and integration tests: run on SQLite ("unit") and again on PostgreSQL ("pg"). */
const serverTests = ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"];

/**
 * Tests that are about SQLite itself, left out of the "pg" project:
 * - durability: SQLite's online backup, WAL and the integrity check of a file being written by another process
 *   (db/backup.ts, `npm run db:backup`); PostgreSQL's backups are pg_dump/pg_basebackup, outside the app.
 * (races.test.ts runs on both: its racer processes open the SQLite file by path, or the PostgreSQL test database by URL.)
 */
const sqliteOnly = ["tests/integration/durability.test.ts"];

/** The browser smoke path on PostgreSQL: a project of its own, whose globalSetup serves the app on PostgreSQL. */
const browserOnPostgres = ["tests/browser/postgres-smoke.test.ts", "tests/browser/instances-pg.test.ts"];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: serverTests,
          setupFiles: ["tests/helpers/strict-console.ts", "tests/helpers/clock-setup.ts"],
          environment: "node",
          // SQLite whatever the shell says: DATABASE_URL=postgres://… would switch the tables to PostgreSQL's.
          env: { DATABASE_URL: "" },
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "pg",
          include: serverTests,
          exclude: [...configDefaults.exclude, ...sqliteOnly],
          // Starts PostgreSQL (or uses TEST_DATABASE_URL) and migrates the template database once per run.
          globalSetup: ["tests/helpers/postgres-global-setup.ts"],
          // postgres-setup.ts first: it sets DATABASE_URL before anything loads the schema.
          setupFiles: ["tests/helpers/postgres-setup.ts", "tests/helpers/strict-console.ts", "tests/helpers/clock-setup.ts"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "browser",
          include: ["tests/browser/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...browserOnPostgres],
          globalSetup: ["tests/browser/global-setup.ts"],
          setupFiles: ["tests/helpers/strict-console.ts"],
          environment: "node",
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "browser-pg",
          include: browserOnPostgres,
          // The demo data on PostgreSQL (embedded, or TEST_DATABASE_URL's server) and the built app served on it.
          globalSetup: ["tests/browser/postgres-global-setup.ts"],
          setupFiles: ["tests/helpers/strict-console.ts"],
          environment: "node",
          // One file at a time: the instances test cuts every connection to the database the smoke test's server uses.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
