import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "./db";
import type { UserRole } from "../db/schema-enums";
import { endSessions } from "./accounts/sessions";
import { verifyCredentials } from "./accounts/sign-up";
import { authSecret, env } from "./env";
import { signInInput } from "./schemas/accounts";
import { authLogger, logFailedSignIn } from "./security/auth-log";
import { clientAddress, recordSignInFailure, recordSignInSuccess, signInWait } from "./security/rate-limit";
import { safeRedirectPath } from "./security/redirect";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: UserRole; sessionVersion?: number } & DefaultSession["user"];
  }
  interface User {
    role?: UserRole;
    sessionVersion?: number;
  }
}

/** Sign-in attempts come too fast for this account from this address (or from this address); the form says how long to wait. */
class Throttled extends CredentialsSignin {
  constructor(seconds: number) {
    super();
    this.code = `rate_limited_${seconds}`;
  }
}

/**
 * All Auth.js configuration. Credentials sign-in issues a JWT session (the only strategy Credentials
 * supports); the token carries the user id and the user's session version, and every request re-reads the
 * user from the database and treats a token of an older version as signed out (createContext). The token
 * lives SESSION_IDLE_DAYS and is renewed while the site is in use (app/_components/session-keep-alive.tsx
 * reads /api/auth/session, which re-issues it). The configuration is built lazily so that `next build` does
 * not need the secret.
 */
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: Math.round(env().SESSION_IDLE_DAYS * 24 * 60 * 60) },
  pages: { signIn: "/sign-in" },
  // One line per failed sign-in, no stack traces (server/security/auth-log.ts).
  logger: authLogger,
  providers: [
    Credentials({
      credentials: { identifier: {}, password: {} },
      async authorize(raw, request) {
        const parsed = signInInput.safeParse(raw);
        if (!parsed.success) {
          logFailedSignIn("malformed input", "", clientAddress(request.headers));
          throw new CredentialsSignin();
        }
        const { identifier, password } = parsed.data;
        const address = clientAddress(request.headers);
        // Throttled before the password hash; the same for unknown accounts as for real ones.
        const wait = await signInWait(getDb(), identifier, address);
        if (wait > 0) {
          logFailedSignIn(`throttled ${wait}s`, identifier, address);
          throw new Throttled(wait);
        }
        const user = await verifyCredentials(getDb(), identifier, password);
        if (!user) {
          await recordSignInFailure(getDb(), identifier, address);
          logFailedSignIn("bad credentials", identifier, address);
          throw new CredentialsSignin();
        }
        await recordSignInSuccess(getDb(), identifier, address);
        return { id: user.id, name: user.name, email: user.email, role: user.role, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.role = user.role;
        token.sv = user.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) {
        session.user.id = token.sub;
        session.user.role = token.role as UserRole;
        if (typeof token.sv === "number") session.user.sessionVersion = token.sv;
      }
      return session;
    },
    // Auth.js's own redirects (sign-out's redirectTo, callbackUrl) stay on this site.
    redirect({ url, baseUrl }) {
      return new URL(safeRedirectPath(url, "/", baseUrl), baseUrl).toString();
    },
  },
  events: {
    // Signing out ends every session of the user, copied tokens included; only a current token can do it.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (token?.sub && typeof token.sv === "number") await endSessions(getDb(), token.sub, token.sv);
    },
  },
}));

/**
 * The signed-in user's id and session version from this request's session token, for createContext. A token
 * without a version (issued before versions existed) gets one that never matches, so it is signed out.
 */
export async function sessionIdentity(): Promise<{ userId: string | null; sessionVersion?: number }> {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return { userId: null };
  const version = session.user.sessionVersion;
  return { userId, sessionVersion: typeof version === "number" ? version : -1 };
}
