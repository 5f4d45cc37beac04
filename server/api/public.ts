import { and, asc, eq, gt } from "drizzle-orm";
import type { Db } from "../../db/create";
import { organisations, type OrganisationKind } from "../../db/schema";
import { inAuthorityRegion, pageOf } from "./authority";

/**
 * Verified organisations' public fields, in id order after `after`, optionally of one kind and within a region
 * (a province, city or county code). Never contacts or verification evidence: what a signed-out visitor sees.
 */
export async function publicOrganisations(db: Db, options: { kind?: OrganisationKind; region?: string; after?: string; limit: number }) {
  const rows = await db
    .select({
      id: organisations.id,
      kind: organisations.kind,
      name: organisations.name,
      schoolLevel: organisations.schoolLevel,
      industryCode: organisations.industryCode,
      integrationCertified: organisations.integrationCertified,
      regionCode: organisations.regionCode,
      website: organisations.website,
    })
    .from(organisations)
    .where(
      and(
        eq(organisations.verificationStatus, "verified"),
        options.kind ? eq(organisations.kind, options.kind) : undefined,
        options.region ? inAuthorityRegion(db, { regionCode: options.region }, organisations.regionCode) : undefined,
        options.after ? gt(organisations.id, options.after) : undefined,
      ),
    )
    .orderBy(asc(organisations.id))
    .limit(options.limit + 1);
  return pageOf(rows, options.limit, (r) => r);
}
