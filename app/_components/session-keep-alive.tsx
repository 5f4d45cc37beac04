"use client";

import { useEffect } from "react";

const key = "edubridge.session-renewed";
const everyMs = 10 * 60 * 1000;

/**
 * Sessions end after SESSION_IDLE_DAYS without use. Pages are server-rendered and cannot re-issue the session
 * cookie, so while a signed-in user uses the site this asks Auth.js's session endpoint, which re-issues the
 * token with a fresh expiry, at most every ten minutes.
 */
export function SessionKeepAlive() {
  useEffect(() => {
    const renew = () => {
      const last = Number(window.localStorage.getItem(key) ?? 0);
      // A first visit in this browser follows a sign-in, whose token is fresh: start counting from now.
      if (!last) return window.localStorage.setItem(key, String(Date.now()));
      if (Date.now() - last < everyMs) return;
      window.localStorage.setItem(key, String(Date.now()));
      void fetch("/api/auth/session", { credentials: "same-origin" }).catch(() => undefined);
    };
    renew();
    const onVisible = () => document.visibilityState === "visible" && renew();
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, []);
  return null;
}
