/**
 * What a unique-constraint violation names, on either engine, or null when `error` is not one.
 * SQLite says "UNIQUE constraint failed: users.email" (or "index 'name'"); PostgreSQL gives code 23505
 * with the constraint's name, the table and "Key (email)=(…)". Both come back as one text holding the
 * index name and every `table.column`, so callers match either. drizzle wraps driver errors (`cause`).
 */
export function uniqueViolation(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const err = e as { message?: string; code?: string; constraint_name?: string; table_name?: string; detail?: string };
    if (typeof err.message === "string" && err.message.includes("UNIQUE constraint failed")) return err.message;
    if (err.code === "23505") {
      const columns = /Key \(([^)]*)\)/.exec(err.detail ?? "")?.[1]?.split(",").map((c) => `${err.table_name}.${c.trim().replace(/"/g, "")}`) ?? [];
      return [err.constraint_name ?? "", ...columns].join(" ");
    }
  }
  return null;
}
