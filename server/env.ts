import path from "node:path";
import { z } from "zod";

/**
 * The one place that reads process.env. Development works with nothing set (scripts/start.ts writes a
 * local AUTH_SECRET into .env.local on first start); a production deployment must bring its own secret.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_PATH: z.string().min(1).default(path.join("data", "edubridge.db")),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
});

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
