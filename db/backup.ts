import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/** integrity_check and foreign_key_check of a database file: "ok" or what is wrong. */
export function checkDatabase(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check).join("; ");
    if (integrity !== "ok") return integrity;
    const orphans = db.pragma("foreign_key_check") as unknown[];
    return orphans.length ? `${orphans.length} rows violate foreign keys` : "ok";
  } finally {
    db.close();
  }
}

/**
 * A consistent copy of a live database through SQLite's online backup API: the copy is one snapshot, even
 * while the server keeps writing (the API restarts a pass when a write lands mid-copy). The copy is checked
 * before it is reported.
 */
export async function backupDatabase(source: string, target: string) {
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    await db.backup(target);
  } finally {
    db.close();
  }
  // The copy inherits WAL mode; switch it back so the backup is one self-contained file.
  const copy = new Database(target);
  copy.pragma("journal_mode = DELETE");
  copy.close();
  const check = checkDatabase(target);
  if (check !== "ok") throw new Error(`backup ${target} failed its check: ${check}`);
  return { file: target, bytes: fs.statSync(target).size };
}

/**
 * Replaces the database at `target` with a backup, page by page through the same API, so that a
 * connection still open on the target sees either the old or the restored database, never a mix.
 * The backup is checked first; nothing is touched if it is damaged.
 */
export async function restoreDatabase(backup: string, target: string) {
  const check = checkDatabase(backup);
  if (check !== "ok") throw new Error(`backup ${backup} is damaged: ${check}`);
  const db = new Database(backup, { readonly: true, fileMustExist: true });
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
  return { file: target, check: checkDatabase(target) };
}
