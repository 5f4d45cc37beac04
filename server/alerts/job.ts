import type { PeriodicJob } from "../jobs/periodic";
import { runSavedSearchAlerts } from "./run";

/**
 * Saved-search alerts every minute: the instant ones each time, the daily digests on the first run of their day
 * (runSavedSearchAlerts decides which are due), then the mails. One instance at a time under the job's lock; the
 * per-search claim keeps each window to one alert even if two runs overlap.
 */
export const savedSearchAlertsJob: PeriodicJob = {
  name: "saved-search-alerts",
  everyMs: 60_000,
  run: async (db, now) => {
    await runSavedSearchAlerts(db, { now, mode: "instant" });
    await runSavedSearchAlerts(db, { now, mode: "daily" });
  },
};
