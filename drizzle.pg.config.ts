import { defineConfig } from "drizzle-kit";

// PostgreSQL, chosen by DATABASE_URL=postgres://… (db/engine.ts). The twin of drizzle.config.ts (SQLite);
// npm run db:generate / db:check run both. Triggers and the search function live in custom migrations here.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/pg.ts",
  out: "./drizzle/pg",
  casing: "snake_case",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://localhost:5432/edubridge" },
});
