import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { buildIfNeeded } from "../../scripts/build-if-needed";
import { prepareDatabase } from "../../scripts/prepare-db";
import { startServer } from "../../scripts/serve";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
  }
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
  const { baseURL, stop } = await startServer(databasePath);
  project.provide("baseURL", baseURL);
  return () => {
    stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
