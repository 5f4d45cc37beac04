import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const sourceDirs = ["app", "server", "db", "drizzle"];
const sourceFiles = ["package.json", "package-lock.json", "next.config.js", "postcss.config.mjs", "tsconfig.json", "proxy.ts"];

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
  sourceDirs.forEach(walk);
  for (const f of sourceFiles) if (fs.existsSync(f)) newest = Math.max(newest, fs.statSync(f).mtimeMs);
  return newest;
}

/** Runs `next build` when there is no build or a source file is newer than it. */
export function buildIfNeeded() {
  const buildId = path.join(".next", "BUILD_ID");
  if (fs.existsSync(buildId) && fs.statSync(buildId).mtimeMs >= newestSourceTime()) return;
  console.log("正在构建 building the app (about a minute on first start)…");
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) throw new Error(`next build failed with exit code ${build.status}`);
}
