import { z } from "zod";
import { searchTaxonomy, taxonomyChildren, taxonomyPaths } from "../../db/queries/reference";
import { educationLevels } from "../../db/schema-enums";
import { publicProcedure, router } from "../trpc";

const taxonomy = z.enum(["region", "specialty", "industry"]);
const code = z.string().regex(/^[0-9A-Z]{1,8}$/);

/** The reference taxonomies behind the pickers; public, they are published national standards. */
export const referenceRouter = router({
  children: publicProcedure
    .input(z.object({ taxonomy, parentCode: code.nullable(), educationLevel: z.enum(educationLevels).optional() }))
    .query(({ ctx, input }) => taxonomyChildren(ctx.db, input.taxonomy, input.parentCode, input.educationLevel)),
  search: publicProcedure
    .input(z.object({ taxonomy, query: z.string().trim().min(1).max(40), limit: z.number().int().min(1).max(50).default(20), educationLevel: z.enum(educationLevels).optional() }))
    .query(({ ctx, input }) => searchTaxonomy(ctx.db, input.taxonomy, input.query, input.limit, input.educationLevel)),
  paths: publicProcedure
    .input(z.object({ taxonomy, codes: z.array(code).max(200) }))
    .query(({ ctx, input }) => taxonomyPaths(ctx.db, input.taxonomy, input.codes)),
});
