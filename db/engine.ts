/**
 * Which database engine this process runs on. SQLite (one file, one process) is the default; a
 * `DATABASE_URL` of the form postgres://… selects PostgreSQL, for several instances. Decided once per
 * process from the environment: the schema module hands out the matching tables at load time.
 */
export type Engine = "sqlite" | "postgres";

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//i.test(url);
}

export function configuredEngine(): Engine {
  return isPostgresUrl(process.env.DATABASE_URL) ? "postgres" : "sqlite";
}
