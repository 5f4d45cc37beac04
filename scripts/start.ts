/**
 * `npm start`: one command from a fresh clone to a running app. Generates a local AUTH_SECRET on first
 * start (refused when NODE_ENV=production: a deployment brings its own), prepares the database, builds
 * when the build is missing or older than the sources, prints the demo accounts and serves.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

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

function newestSourceTime(): number {
  let newest = 0;
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  ["app", "server", "db", "drizzle"].forEach(walk);
  for (const f of ["package.json", "next.config.js", "postcss.config.mjs", "package-lock.json"]) if (fs.existsSync(f)) newest = Math.max(newest, fs.statSync(f).mtimeMs);
  return newest;
}

const buildId = path.join(".next", "BUILD_ID");
if (!fs.existsSync(buildId) || fs.statSync(buildId).mtimeMs < newestSourceTime()) {
  console.log("正在构建 building the app (about a minute on first start)…");
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = String(env().PORT);
printDemoAccounts(`http://localhost:${port}`);
const server = spawn("npx", ["next", "start", "-p", port], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
