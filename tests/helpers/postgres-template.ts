/**
 * Prepares the pg project's template database, in a process of its own: DATABASE_URL (the template's URL) must
 * be set before db/schema/index.ts loads, which the vitest main process, serving SQLite projects too, cannot do.
 * Migrates and loads the reference data the way `npm start` does (scripts/prepare-db.ts), without demo data.
 * Run by tests/helpers/postgres-global-setup.ts: `DATABASE_URL=postgres://…/tpl node --import tsx <this file>`.
 */
import fs from "node:fs";
import path from "node:path";
import { postgresMigrationsFolder } from "../../db/create";
import { prepareDatabase } from "../../scripts/prepare-db";

if (!fs.existsSync(path.join(postgresMigrationsFolder, "meta", "_journal.json"))) {
  console.warn(`[pg] no PostgreSQL migrations in ${postgresMigrationsFolder}: the template database stays empty`);
} else {
  await prepareDatabase(process.env.DATABASE_URL, { demo: false, quiet: true });
}
