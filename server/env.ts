import path from "node:path";
import { z } from "zod";
import { isPostgresUrl } from "../db/engine";

/**
 * The one place that reads process.env. Development works with nothing set (scripts/start.ts writes a
 * local AUTH_SECRET into .env.local on first start); a production deployment must bring its own secret.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_PATH: z.string().min(1).default(path.join("data", "edubridge.db")),
  /**
   * postgres://user:password@host:port/database runs on PostgreSQL (db/engine.ts); unset (or empty), SQLite at
   * DATABASE_PATH. Anything else is refused rather than silently falling back to SQLite.
   */
  DATABASE_URL: z
    .string()
    .optional()
    .transform((url) => url || undefined)
    .refine((url) => url === undefined || isPostgresUrl(url), "DATABASE_URL must be a postgres:// URL (unset it to use SQLite at DATABASE_PATH)"),
  /**
   * A read replica for the reports (issue 17): postgres://… — report procedures and exports read from it, every
   * write still goes to DATABASE_URL. PostgreSQL only; unset (or empty), reports read the primary.
   */
  REPORTS_DATABASE_URL: z
    .string()
    .optional()
    .transform((url) => url || undefined)
    .refine((url) => url === undefined || isPostgresUrl(url), "REPORTS_DATABASE_URL must be a postgres:// URL (a read replica of DATABASE_URL)"),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  /** "off": on PostgreSQL, no search index snapshots are written or restored (server/search/index-snapshot.ts). */
  SEARCH_INDEX_SNAPSHOTS: z.enum(["on", "off"]).default("on"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Sessions end after this many days without a visit (the session token is renewed while in use). */
  SESSION_IDLE_DAYS: z.coerce.number().positive().max(365).default(7),
  /**
   * Comma-separated addresses of the reverse proxies whose `X-Forwarded-For` is believed. Without it the
   * client's address is the connection's own and any `X-Forwarded-For` is ignored.
   */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((list) => list.split(",").map((a) => a.trim()).filter(Boolean)),
  /** smtp://user:pass@host:port (or smtps://): mails are sent through it; unset, they are held in the outbox for administrators. */
  SMTP_URL: z
    .string()
    .optional()
    .transform((url) => url || undefined)
    .refine((url) => url === undefined || /^smtps?:\/\//.test(url), "SMTP_URL must be an smtp:// or smtps:// URL"),
  /** The sender of the platform's mails. */
  MAIL_FROM: z.string().min(3).default("产教桥 EduBridge <no-reply@edubridge.local>"),
  /** The address users reach the app at, for links in mails (unsubscribe, postings); default http://localhost:PORT. */
  APP_URL: z.url().optional(),
}).refine((e) => !e.REPORTS_DATABASE_URL || e.DATABASE_URL, { message: "REPORTS_DATABASE_URL needs DATABASE_URL=postgres://… (a replica of a PostgreSQL primary)", path: ["REPORTS_DATABASE_URL"] });

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  cached ??= envSchema.parse(process.env);
  return cached;
}

/** The Auth.js secret; missing one is fatal rather than silently insecure. */
export function authSecret(): string {
  const secret = env().AUTH_SECRET;
  if (!secret) {
    throw new Error(
      "AUTH_SECRET is not set. `npm start` generates one for local use in .env.local; a production deployment must set its own.",
    );
  }
  return secret;
}

/**
 * The per-process key with which the serving script (scripts/next-server.ts) vouches for the connection
 * address it passes to the app in a request header. Read uncached: the script sets it just before serving.
 */
export function peerKey(): string | undefined {
  return process.env.EDUBRIDGE_PEER_KEY || undefined;
}
