import { accountsRouter } from "./routers/accounts";
import { organisationsRouter } from "./routers/organisations";
import { postingsRouter } from "./routers/postings";
import { matchRouter } from "./routers/match";
import { referenceRouter } from "./routers/reference";
import { searchRouter } from "./routers/search";
import { studentsRouter } from "./routers/students";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  accounts: accountsRouter,
  organisations: organisationsRouter,
  postings: postingsRouter,
  match: matchRouter,
  reference: referenceRouter,
  search: searchRouter,
  students: studentsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
