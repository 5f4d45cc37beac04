import { accountsRouter } from "./routers/accounts";
import { applicationsRouter } from "./routers/applications";
import { notificationsRouter } from "./routers/notifications";
import { placementsRouter } from "./routers/placements";
import { organisationsRouter } from "./routers/organisations";
import { postingsRouter } from "./routers/postings";
import { matchRouter } from "./routers/match";
import { referenceRouter } from "./routers/reference";
import { searchRouter } from "./routers/search";
import { studentsRouter } from "./routers/students";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  accounts: accountsRouter,
  applications: applicationsRouter,
  notifications: notificationsRouter,
  placements: placementsRouter,
  organisations: organisationsRouter,
  postings: postingsRouter,
  match: matchRouter,
  reference: referenceRouter,
  search: searchRouter,
  students: studentsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
