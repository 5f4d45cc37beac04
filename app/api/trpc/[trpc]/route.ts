import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getDb } from "@/db";
import { auth } from "@/server/auth";
import { defaultLocale, isLocale, localeCookie } from "@/server/i18n/messages";
import { appRouter } from "@/server/root";
import { clientAddress } from "@/server/security/rate-limit";
import { createContext } from "@/server/trpc";

function localeOf(req: Request) {
  const match = req.headers.get("cookie")?.match(new RegExp(`(?:^|;\\s*)${localeCookie}=([^;]+)`));
  const value = match?.[1] ? decodeURIComponent(match[1]) : undefined;
  return isLocale(value) ? value : defaultLocale;
}

const handler = (req: Request) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () => {
      const session = await auth();
      return createContext({ db: getDb(), userId: session?.user?.id, locale: localeOf(req), address: clientAddress(req.headers) });
    },
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });

export { handler as GET, handler as POST };
