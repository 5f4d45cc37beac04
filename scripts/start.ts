/**
 * `npm start`: one command from a fresh clone to a running app. Generates a local AUTH_SECRET on first
 * start (refused when NODE_ENV=production: a deployment brings its own), prepares the database (SQLite at
 * DATABASE_PATH, or PostgreSQL when DATABASE_URL=postgres://…, from the environment or .env.local: migrated, and
 * seeded only when empty; scripts/prepare-db.ts), builds when the build is missing or older than the sources, prints
 * the demo accounts and serves (scripts/next-server.ts).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";

const envFile = ".env.local";
if (fs.existsSync(envFile)) process.loadEnvFile(envFile);
if (!process.env.AUTH_SECRET) {
  if (process.env.NODE_ENV === "production") {
    console.error("AUTH_SECRET is not set. A production deployment must provide its own secret; refusing to start.");
    process.exit(1);
  }
  const secret = randomBytes(32).toString("base64url");
  fs.appendFileSync(envFile, `# Generated on first start for local use; never commit.\nAUTH_SECRET=${secret}\n`);
  process.env.AUTH_SECRET = secret;
  console.log(`已生成本地密钥 generated a local AUTH_SECRET in ${envFile}`);
}

const { env } = await import("../server/env");
const { prepareDatabase, printDemoAccounts } = await import("./prepare-db");
await prepareDatabase();

const { buildIfNeeded } = await import("./build-if-needed");
buildIfNeeded();

const port = String(env().PORT);
printDemoAccounts(`http://localhost:${port}`);
// Served by scripts/next-server.ts (Next's handler behind a Node server that passes on the socket address).
const server = spawn(process.execPath, ["--import", "tsx", "scripts/next-server.ts", "--port", port], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
