import { accountsRouter } from "./routers/accounts";
import { apiTokensRouter } from "./routers/api-tokens";
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
import { funnelRouter } from "./routers/funnel";
import { referenceRouter } from "./routers/reference";
import { reportsRouter } from "./routers/reports";
import { savedSearchesRouter } from "./routers/saved-searches";
import { searchRouter } from "./routers/search";
import { studentsRouter } from "./routers/students";
import { webhooksRouter } from "./routers/webhooks";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  accounts: accountsRouter,
  allocation: allocationRouter,
  apiTokens: apiTokensRouter,
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
  funnel: funnelRouter,
  reference: referenceRouter,
  reports: reportsRouter,
  savedSearches: savedSearchesRouter,
  search: searchRouter,
  students: studentsRouter,
  webhooks: webhooksRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
