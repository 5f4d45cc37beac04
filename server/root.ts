import { accountsRouter } from "./routers/accounts";
import { adminRouter } from "./routers/admin";
import { applicationsRouter } from "./routers/applications";
import { cooperationRouter } from "./routers/cooperation";
import { notificationsRouter } from "./routers/notifications";
import { placementsRouter } from "./routers/placements";
import { organisationsRouter } from "./routers/organisations";
import { postingsRouter } from "./routers/postings";
import { matchRouter } from "./routers/match";
import { referenceRouter } from "./routers/reference";
import { reportsRouter } from "./routers/reports";
import { searchRouter } from "./routers/search";
import { studentsRouter } from "./routers/students";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  accounts: accountsRouter,
  admin: adminRouter,
  applications: applicationsRouter,
  cooperation: cooperationRouter,
  notifications: notificationsRouter,
  placements: placementsRouter,
  organisations: organisationsRouter,
  postings: postingsRouter,
  match: matchRouter,
  reference: referenceRouter,
  reports: reportsRouter,
  search: searchRouter,
  students: studentsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
