"use client";

import { useState } from "react";
import { useTRPCClient } from "@/app/_trpc/client";
import type { MessageKey } from "@/server/i18n/messages";
import { authorityScopes, organisationScopes, type ApiScope } from "@/server/api/scopes";
import { ConfirmButton } from "../confirm-dialog";
import { Field, FormError } from "../form";
import { useFormatters, useT } from "../i18n";
import { useAction } from "../use-action";

export interface ListedToken {
  id: string;
  name: string;
  regionCode: string | null;
  scopes: string[];
  prefix: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
  state: "active" | "revoked" | "expired";
}

type Target = { kind: "organisation"; organisationId: string } | { kind: "authority" };

/**
 * Makes and revokes API tokens: an organisation owner's for their organisation, an administrator's for authorities.
 * A new token is shown here once, until the page is left; the list shows only its first characters.
 */
export function TokenManager({ target, tokens }: { target: Target; tokens: ListedToken[] }) {
  const t = useT();
  const f = useFormatters();
  const client = useTRPCClient();
  const create = useAction();
  const revoke = useAction();
  const scopes: readonly ApiScope[] = target.kind === "organisation" ? organisationScopes : authorityScopes;
  const [name, setName] = useState("");
  const [regionCode, setRegionCode] = useState("");
  const [chosen, setChosen] = useState<ApiScope[]>(["read:placements"]);
  const [expiresOn, setExpiresOn] = useState("");
  const [shown, setShown] = useState<string | null>(null);

  return (
    <div className="space-y-4">
      <form
        className="card space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          const common = { name, scopes: chosen, expiresOn: expiresOn || undefined };
          void create.run(
            async () => {
              const made = target.kind === "organisation" ? await client.apiTokens.create.mutate({ ...common, organisationId: target.organisationId, scopes: chosen.filter((s) => (organisationScopes as readonly string[]).includes(s)) as (typeof organisationScopes)[number][] }) : await client.apiTokens.issueAuthority.mutate({ ...common, regionCode, scopes: chosen.filter((s) => (authorityScopes as readonly string[]).includes(s)) as (typeof authorityScopes)[number][] });
              setShown(made.token);
            },
            () => setName(""),
          );
        }}
      >
        <FormError message={create.error} />
        <Field id="token-name" label={t("apiTokens.name")} error={create.fieldError("name")} required>
          <input id="token-name" className="input" value={name} placeholder={t("apiTokens.namePlaceholder")} onChange={(e) => setName(e.target.value)} />
        </Field>
        {target.kind === "authority" && (
          <Field id="token-region" label={t("apiTokens.region")} error={create.fieldError("regionCode")} required>
            <input id="token-region" className="input" inputMode="numeric" value={regionCode} placeholder="440100" onChange={(e) => setRegionCode(e.target.value.trim())} />
          </Field>
        )}
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium">{t("apiTokens.scopes")}</legend>
          {scopes.map((scope) => (
            <label key={scope} className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={chosen.includes(scope)} onChange={(e) => setChosen(e.target.checked ? [...chosen, scope] : chosen.filter((s) => s !== scope))} />
              <code>{scope}</code> {t(`apiTokens.scope.${scope}` as MessageKey)}
            </label>
          ))}
          {create.fieldError("scopes") && <p className="text-sm text-red-700">{create.fieldError("scopes")}</p>}
        </fieldset>
        <Field id="token-expires" label={t("apiTokens.expiresOn")} error={create.fieldError("expiresOn")}>
          <input id="token-expires" className="input" type="date" value={expiresOn} onChange={(e) => setExpiresOn(e.target.value)} />
        </Field>
        <button type="submit" className="btn-primary" disabled={create.pending}>
          {t("apiTokens.create")}
        </button>
      </form>
      {shown && (
        <div role="status" className="card space-y-2 border-amber-300 bg-amber-50">
          <p className="text-sm font-medium">{t("apiTokens.createdOnce")}</p>
          <input readOnly aria-label={t("apiTokens.createdOnce")} className="input font-mono text-sm" value={shown} onFocus={(e) => e.currentTarget.select()} data-testid="new-api-token" />
        </div>
      )}
      <FormError message={revoke.error} />
      {tokens.length === 0 ? (
        <p className="card">{t("apiTokens.none")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b">
                <th className="px-2 py-1">{t("apiTokens.name")}</th>
                <th className="px-2 py-1">{t("apiTokens.prefix")}</th>
                <th className="px-2 py-1">{t("apiTokens.scopes")}</th>
                <th className="px-2 py-1">{t("apiTokens.status")}</th>
                <th className="px-2 py-1">{t("apiTokens.lastUsed")}</th>
                <th className="px-2 py-1">{t("apiTokens.expires")}</th>
                <th className="px-2 py-1" />
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id} className="border-b align-top" data-testid="api-token-row">
                  <td className="px-2 py-1">
                    {token.name}
                    {token.regionCode && <span className="ml-1 text-slate-600">({token.regionCode})</span>}
                  </td>
                  <td className="px-2 py-1 font-mono">{token.prefix}…</td>
                  <td className="px-2 py-1">{token.scopes.join(" ")}</td>
                  <td className="px-2 py-1">{t(`apiTokens.${token.state}`)}</td>
                  <td className="px-2 py-1">{token.lastUsedAt ? f.dateTime(token.lastUsedAt) : t("apiTokens.never")}</td>
                  <td className="px-2 py-1">{token.expiresAt ? f.date(token.expiresAt) : t("apiTokens.never")}</td>
                  <td className="px-2 py-1">
                    {!token.revokedAt && (
                      <ConfirmButton
                        className="btn-secondary"
                        danger
                        disabled={revoke.pending}
                        confirm={t("apiTokens.revokeConfirm")}
                        confirmLabel={t("apiTokens.revoke")}
                        onConfirm={() => void revoke.run(() => (target.kind === "organisation" ? client.apiTokens.revoke.mutate({ organisationId: target.organisationId, tokenId: token.id }) : client.apiTokens.revokeAuthority.mutate({ tokenId: token.id })))}
                      >
                        {t("apiTokens.revoke")}
                      </ConfirmButton>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
