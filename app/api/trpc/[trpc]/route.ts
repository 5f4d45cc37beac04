import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getDb } from "@/server/db";
import { sessionIdentity } from "@/server/auth";
import { appRouter } from "@/server/root";
import { clientAddress } from "@/server/security/rate-limit";
import { maxBatchCalls, requestLocale, withTransportChecks } from "@/server/security/transport";
import { createContext } from "@/server/trpc";

// Batch size, JSON bodies only, no cross-site mutations (server/security/transport.ts): before any procedure runs.
const handler = withTransportChecks((req: Request) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    maxBatchSize: maxBatchCalls,
    createContext: async () => {
      // The token's session version goes with the id: a token from before a sign-out or password change is anonymous.
      const { userId, sessionVersion } = await sessionIdentity();
      return createContext({ db: getDb(), userId, sessionVersion, locale: requestLocale(req), address: clientAddress(req.headers) });
    },
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  }),
);

export { handler as GET, handler as POST };
