import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "./db";
import { sessionIdentity } from "./auth";
import { defaultLocale, isLocale, localeCookie, translator, type Locale } from "./i18n/messages";
import { createCaller } from "./root";
import { clientAddress } from "./security/rate-limit";
import { safeRedirectPath } from "./security/redirect";
import { createContext } from "./trpc";

/** The reader's language, from the cookie set by the language switch; zh-CN by default. */
export const getLocale = cache(async (): Promise<Locale> => {
  const value = (await cookies()).get(localeCookie)?.value;
  return isLocale(value) ? value : defaultLocale;
});

export async function getTranslator() {
  return translator(await getLocale());
}

/** The tRPC context of the current request, for server components and the route handler. */
export const getRequestContext = cache(async () => {
  // The token's session version goes with the id: a token from before a sign-out or password change is anonymous.
  const { userId, sessionVersion } = await sessionIdentity();
  return createContext({ db: getDb(), userId, sessionVersion, locale: await getLocale(), address: clientAddress(await headers()) });
});

/** A tRPC caller for server components: the same procedures, with the same checks, as over HTTP. */
export async function serverCaller() {
  return createCaller(await getRequestContext());
}

/** The signed-in user of this request, or a redirect to sign-in that comes back here afterwards. */
export async function requireUser(returnTo: string) {
  const ctx = await getRequestContext();
  if (!ctx.user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(safeRedirectPath(returnTo))}`);
  return ctx.user;
}
