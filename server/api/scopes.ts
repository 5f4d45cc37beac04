/**
 * What an API token may call (issue 19). Client-safe: the token pages list these. An organisation token takes the
 * organisation scopes, an authority token (issued by an administrator for a province or city) the authority ones.
 */
export const organisationScopes = ["read:postings", "write:postings", "read:applicants", "read:placements"] as const;
export const authorityScopes = ["read:placements", "read:complaints", "read:organisations"] as const;
export const apiScopes = ["read:postings", "write:postings", "read:applicants", "read:placements", "read:complaints", "read:organisations"] as const;
export type ApiScope = (typeof apiScopes)[number];
export type ApiTokenKind = "organisation" | "authority";

/** The text every token starts with: tells secret scanners and people what it is. */
export const tokenPrefix = "ebt_";
