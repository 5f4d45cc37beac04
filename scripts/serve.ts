import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { isPostgresUrl } from "../db/engine";

export function freePort(): Promise<number> {
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
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
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
 * Serves the built app (scripts/next-server.ts, production mode) on a free loopback port with the given database,
 * for the browser tests and the load benchmark. `database`: a SQLite file (DATABASE_PATH), or a postgres:// URL
 * (DATABASE_URL: the server runs on PostgreSQL). The caller prepares it, and stops the server.
 */
export async function startServer(database: string) {
  const port = await freePort();
  // Through scripts/next-server.ts, as `npm start` does, so the app sees the connection's own address.
  // One process (node with tsx's loader, no wrapper), so `pid` and `stop` are the server's own.
  const child = spawn(process.execPath, ["--import", "tsx", path.join("scripts", "next-server.ts"), "--port", String(port), "--hostname", "127.0.0.1"], {
    env: { ...process.env, ...(isPostgresUrl(database) ? { DATABASE_URL: database } : { DATABASE_PATH: database, DATABASE_URL: "" }), AUTH_SECRET: "local-test-secret-local-test-secret-0000", NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
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
  return { baseURL, pid: child.pid!, output: () => output, stop: () => child.kill() };
}

/**
 * Signs in over HTTP as a browser would (the CSRF token, then the credentials callback) and returns the session
 * cookie ("authjs.session-token=…"), for scripts and tests that drive a served app without a browser.
 */
export async function signInOverHttp(baseURL: string, email: string, password = "Demo2026") {
  const csrf = await fetch(`${baseURL}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${baseURL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, identifier: email, password, callbackUrl: `${baseURL}/home` }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`sign-in failed for ${email}: ${res.status}`);
  return session.split(";")[0]!;
}
