import { z } from "zod";
import { authorityScopes, organisationScopes } from "../api/scopes";
import { id, isoDate } from "./common";

const name = z.string().trim().min(1, "errors.required").max(60, "errors.text");
/** The last day the token works (China time), or none for a token that lasts until revoked. */
const expiresOn = isoDate.optional();

/** An organisation owner's new token for its own organisation. */
export const createOrganisationTokenInput = z.object({
  organisationId: id,
  name,
  scopes: z.array(z.enum(organisationScopes)).min(1, "errors.apiScopesRequired").max(organisationScopes.length),
  expiresOn,
});
export type CreateOrganisationTokenInput = z.input<typeof createOrganisationTokenInput>;

/** An administrator's token for an education authority: a province (xx0000) or city (xxxx00) code. */
export const createAuthorityTokenInput = z.object({
  name,
  regionCode: z.string().regex(/^\d{4}00$/, "errors.apiRegionScope"),
  scopes: z.array(z.enum(authorityScopes)).min(1, "errors.apiScopesRequired").max(authorityScopes.length),
  expiresOn,
});
export type CreateAuthorityTokenInput = z.input<typeof createAuthorityTokenInput>;

export const revokeOrganisationTokenInput = z.object({ organisationId: id, tokenId: id });
export const revokeAuthorityTokenInput = z.object({ tokenId: id });
