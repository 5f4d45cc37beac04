import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { buildIfNeeded } from "../../scripts/build-if-needed";
import { prepareDatabase } from "../../scripts/prepare-db";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function waitForServer(url: string, child: ChildProcess, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server at ${url} did not start within ${timeoutMs} ms`);
}

/**
 * Builds the app if needed and serves it with a fresh demo database in a temporary folder, the way
 * `npm start` does, for the browser tests to drive through Chromium.
 */
export default async function setup(project: TestProject) {
  buildIfNeeded();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "edubridge-browser-"));
  const databasePath = path.join(dir, "edubridge.db");
  await prepareDatabase(databasePath);
  const port = await freePort();
  const child = spawn(path.join("node_modules", ".bin", "next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, DATABASE_PATH: databasePath, AUTH_SECRET: "browser-tests-secret-browser-tests-secret", NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const baseURL = `http://127.0.0.1:${port}`;
  try {
    await waitForServer(baseURL, child);
  } catch (error) {
    child.kill();
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  project.provide("baseURL", baseURL);
  return () => {
    child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
