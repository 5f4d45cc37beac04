import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { backupDatabase, checkDatabase, restoreDatabase } from "@/db/backup";
import { createSqliteDb } from "@/db/create";
import { loadReferenceData } from "@/db/reference";
import { createEnterprise } from "../helpers/factories";
import { dumpDatabaseFile as dump, scalarOfFile as count } from "../helpers/sqlite/files";

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children) c.kill("SIGKILL");
});

function startWriter(mode: "batches" | "bulk", file: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "../helpers/writer-child.ts"), mode, file], { stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("writing")) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`writer exited early (${code})`)));
  });
}

async function freshDatabase() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "edubridge-durability-"));
  const file = path.join(dir, "live.db");
  const db = createSqliteDb(file);
  await loadReferenceData(db);
  await createEnterprise(db, { staffCount: 5000 });
  db.$client.close();
  return { dir, file };
}

// SQLite by nature: backups of a database file, and a process killed while it writes to one (WAL recovery).
describe("durability", () => {
  it("backs up a database while another process writes to it, and restores the copy exactly", async () => {
    const { dir, file } = await freshDatabase();
    const writer = await startWriter("batches", file);
    const backup = path.join(dir, "backup.db");
    await backupDatabase(file, backup);
    writer.kill("SIGKILL");

    expect(checkDatabase(backup)).toBe("ok");
    // The copy is one snapshot: only whole transactions of 10, numbered without gaps.
    const rows = count(backup, "select count(*) from notifications");
    expect(rows).toBeGreaterThan(0);
    expect(rows % 10).toBe(0);
    expect(count(backup, "select max(cast(json_extract(params, '$.batch') as integer)) + 1 from notifications") * 10).toBe(rows);

    const restored = path.join(dir, "restored.db");
    const result = await restoreDatabase(backup, restored);
    expect(result.check).toBe("ok");
    expect(dump(restored)).toBe(dump(backup));
  }, 60_000);

  it("leaves the database consistent when a process is killed in the middle of a bulk write", async () => {
    const { file } = await freshDatabase();
    const before = count(file, "select count(*) from postings");
    const writer = await startWriter("bulk", file);
    // Let the transaction get well under way (the WAL grows), then kill the process without warning.
    const wal = `${file}-wal`;
    const deadline = Date.now() + 20_000;
    while ((!fs.existsSync(wal) || fs.statSync(wal).size < 4 * 1024 * 1024) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(fs.statSync(wal).size).toBeGreaterThan(4 * 1024 * 1024);
    writer.kill("SIGKILL");
    await new Promise((r) => writer.once("exit", r));

    // Reopening recovers: the unfinished transaction is gone, nothing of it remains, indexes agree.
    const db = createSqliteDb(file);
    db.$client.close();
    expect(checkDatabase(file)).toBe("ok");
    expect(count(file, "select count(*) from postings")).toBe(before);
    expect(count(file, "select count(*) from posting_specialties")).toBe(0);
  }, 60_000);
});
