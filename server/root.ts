import { accountsRouter } from "./routers/accounts";
import { organisationsRouter } from "./routers/organisations";
import { postingsRouter } from "./routers/postings";
import { referenceRouter } from "./routers/reference";
import { studentsRouter } from "./routers/students";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  accounts: accountsRouter,
  organisations: organisationsRouter,
  postings: postingsRouter,
  reference: referenceRouter,
  students: studentsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
