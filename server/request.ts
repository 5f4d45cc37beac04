import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "../db";
import { auth } from "./auth";
import { defaultLocale, isLocale, localeCookie, translator, type Locale } from "./i18n/messages";
import { createCaller } from "./root";
import { clientAddress } from "./security/rate-limit";
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
  const session = await auth();
  return createContext({ db: getDb(), userId: session?.user?.id, locale: await getLocale(), address: clientAddress(await headers()) });
});

/** A tRPC caller for server components: the same procedures, with the same checks, as over HTTP. */
export async function serverCaller() {
  return createCaller(await getRequestContext());
}

/** The signed-in user of this request, or a redirect to sign-in that comes back here afterwards. */
export async function requireUser(returnTo: string) {
  const ctx = await getRequestContext();
  if (!ctx.user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return ctx.user;
}
