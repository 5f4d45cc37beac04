import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "../db";
import type { UserRole } from "../db/schema-enums";
import { verifyCredentials } from "./accounts/sign-up";
import { authSecret } from "./env";
import { signInInput } from "./schemas/accounts";
import { clientAddress, recordSignInFailure, signInWait } from "./security/rate-limit";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: UserRole } & DefaultSession["user"];
  }
  interface User {
    role?: UserRole;
  }
}

/** Too many failed sign-ins for this account or from this address; the form says so. */
class RateLimited extends CredentialsSignin {
  code = "rate_limited";
}

/**
 * All Auth.js configuration. Credentials sign-in issues a JWT session (the only strategy Credentials
 * supports); the token carries just the user id, and every request re-reads the user from the database.
 * The configuration is built lazily so that `next build` does not need the secret.
 */
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  providers: [
    Credentials({
      credentials: { identifier: {}, password: {} },
      async authorize(raw, request) {
        const parsed = signInInput.safeParse(raw);
        if (!parsed.success) throw new CredentialsSignin();
        const address = clientAddress(request.headers);
        // Failed attempts are limited per account and per address; the check comes before the password hash.
        if (signInWait(parsed.data.identifier, address) > 0) throw new RateLimited();
        const user = await verifyCredentials(getDb(), parsed.data.identifier, parsed.data.password);
        if (!user) {
          recordSignInFailure(parsed.data.identifier, address);
          throw new CredentialsSignin();
        }
        return { id: user.id, name: user.name, email: user.email, role: user.role };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) {
        session.user.id = token.sub;
        session.user.role = token.role as UserRole;
      }
      return session;
    },
  },
}));
