import { afterAll, inject } from "vitest";
import { dropTestDatabases } from "./postgres-databases";

/**
 * First setup file of the "pg" project (vitest.config.ts), run in the worker before each test file is imported:
 * DATABASE_URL=postgres://… makes db/engine.ts say "postgres", so db/schema/index.ts hands out PostgreSQL's tables
 * when the test file's imports load it. The URL names the server's maintenance database, from which
 * tests/helpers/db.ts creates each test's database from the run's template; no test uses that database itself.
 * The server comes from tests/helpers/postgres-global-setup.ts through `provide`/`inject` (its port is known only
 * once it runs, after the config was read).
 */
const server = inject("postgres");
process.env.DATABASE_URL = server.adminUrl;
process.env.EDUBRIDGE_TEST_PG_TEMPLATE = server.template;
process.env.EDUBRIDGE_TEST_PG_PREFIX = server.prefix;

// Registered before the test file's own hooks, so it runs after them (vitest runs after-hooks as a stack).
afterAll(async () => {
  await dropTestDatabases();
}, 120_000);
