import { accountsRouter } from "./routers/accounts";
import { allocationRouter } from "./routers/allocation";
import { adminRouter } from "./routers/admin";
import { applicationsRouter } from "./routers/applications";
import { complaintsRouter } from "./routers/complaints";
import { cooperationRouter } from "./routers/cooperation";
import { notificationsRouter } from "./routers/notifications";
import { payRouter } from "./routers/pay";
import { placementsRouter } from "./routers/placements";
import { organisationsRouter } from "./routers/organisations";
import { postingsRouter } from "./routers/postings";
import { postsRouter } from "./routers/posts";
import { matchRouter } from "./routers/match";
import { referenceRouter } from "./routers/reference";
import { reportsRouter } from "./routers/reports";
import { searchRouter } from "./routers/search";
import { studentsRouter } from "./routers/students";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  accounts: accountsRouter,
  allocation: allocationRouter,
  admin: adminRouter,
  applications: applicationsRouter,
  complaints: complaintsRouter,
  cooperation: cooperationRouter,
  notifications: notificationsRouter,
  pay: payRouter,
  placements: placementsRouter,
  organisations: organisationsRouter,
  postings: postingsRouter,
  posts: postsRouter,
  match: matchRouter,
  reference: referenceRouter,
  reports: reportsRouter,
  search: searchRouter,
  students: studentsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
