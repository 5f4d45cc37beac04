import { createAuthorityToken, createOrganisationToken } from "@/server/api/tokens";
import type { World } from "../helpers/world";

/** Inputs of the apiTokens procedures for the authorisation matrix: one live token of each kind to revoke. */
export async function apiTokenInputs(w: World): Promise<Record<string, unknown>> {
  const host = w.enterprise.organisationId;
  const own = await createOrganisationToken(w.db, w.ids.enterprise, { organisationId: host, name: "矩阵令牌", scopes: ["read:postings"] });
  const authority = await createAuthorityToken(w.db, w.ids.admin, { name: "矩阵主管部门令牌", regionCode: "440100", scopes: ["read:placements"] });
  return {
    "apiTokens.list": { organisationId: host },
    "apiTokens.create": { organisationId: host, name: "新令牌", scopes: ["read:postings", "read:placements"] },
    "apiTokens.revoke": { organisationId: host, tokenId: own.id },
    "apiTokens.authorities": undefined,
    "apiTokens.issueAuthority": { name: "广州市教育局", regionCode: "440100", scopes: ["read:placements", "read:complaints"] },
    "apiTokens.revokeAuthority": { tokenId: authority.id },
  };
}
