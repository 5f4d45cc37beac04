import { createPost, postsOf, removePost, updatePost } from "../posts/manage";
import { createPostInput, postIdInput, updatePostInput } from "../schemas/protection";
import { enterpriseMemberProcedure, router } from "../trpc";

/**
 * A host's declared posts (岗位, with the staff on each), managed by the enterprise's members: a placement
 * internship names one, and the post's 20% cap counts across all postings naming it.
 */
export const postsRouter = router({
  list: enterpriseMemberProcedure.query(({ ctx, input }) => postsOf(ctx.db, input.organisationId)),
  create: enterpriseMemberProcedure.input(createPostInput).mutation(({ ctx, input }) => createPost(ctx.db, ctx.user.id, input)),
  update: enterpriseMemberProcedure.input(updatePostInput).mutation(({ ctx, input }) => updatePost(ctx.db, input)),
  remove: enterpriseMemberProcedure.input(postIdInput).mutation(({ ctx, input }) => removePost(ctx.db, input)),
});
