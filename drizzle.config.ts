import { defineConfig } from "drizzle-kit";

// SQLite, the default engine. PostgreSQL's twin is drizzle.pg.config.ts (npm run db:generate runs both).
export default defineConfig({
  dialect: "sqlite",
  schema: "./db/schema/sqlite.ts",
  out: "./drizzle/sqlite",
  casing: "snake_case",
  dbCredentials: { url: process.env.DATABASE_PATH ?? "data/edubridge.db" },
});
