"use client";

import { useState } from "react";
import { useTRPCClient } from "@/app/_trpc/client";
import { webhookEventTypes, type WebhookEventType } from "@/server/schemas/webhooks";
import { Field, FormError } from "../form";
import { useFormatters, useT } from "../i18n";
import { useAction } from "../use-action";

/** Whose endpoints: an organisation's (its owners) or the authorities' (administrators). */
export type WebhookScope = { kind: "organisation"; organisationId: string } | { kind: "authority" };

interface Endpoint {
  id: string;
  url: string;
  description: string;
  events: string[];
  regionCode: string | null;
  active: boolean;
}

interface Delivery {
  id: string;
  url: string;
  eventId: string;
  eventType: string;
  status: "pending" | "succeeded" | "failed";
  attempts: number;
  nextAttemptAt: Date;
  lastStatusCode: number | null;
  createdAt: Date;
  attemptLog: { attemptedAt: Date; statusCode: number | null; responseBody: string; error: string | null; durationMs: number }[];
}

function CreateForm({ scope }: { scope: WebhookScope }) {
  const t = useT();
  const client = useTRPCClient();
  const action = useAction();
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [regionCode, setRegionCode] = useState("");
  const [events, setEvents] = useState<WebhookEventType[]>([...webhookEventTypes]);
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <form
      className="card space-y-3"
      aria-label={t("webhooks.create")}
      onSubmit={(e) => {
        e.preventDefault();
        setSecret(null);
        const values = { url, description, events };
        void action.run(
          async () => {
            const created =
              scope.kind === "organisation"
                ? await client.webhooks.create.mutate({ ...values, organisationId: scope.organisationId })
                : await client.webhooks.createAuthority.mutate({ ...values, regionCode });
            setSecret(created.secret);
          },
          () => {
            setUrl("");
            setDescription("");
          },
        );
      }}
    >
      <FormError message={action.error} />
      {secret && (
        <div role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm" data-testid="webhook-secret">
          <p>{t("webhooks.created")}</p>
          <code className="break-all font-mono">{secret}</code>
        </div>
      )}
      <Field id="webhook-url" label={t("webhooks.url")} error={action.fieldError("url")} required>
        <input id="webhook-url" className="input" type="url" inputMode="url" placeholder="https://" value={url} onChange={(e) => setUrl(e.target.value)} />
      </Field>
      {scope.kind === "authority" && (
        <Field id="webhook-region" label={t("webhooks.regionCode")} error={action.fieldError("regionCode")} required>
          <input id="webhook-region" className="input" inputMode="numeric" maxLength={6} value={regionCode} onChange={(e) => setRegionCode(e.target.value)} />
        </Field>
      )}
      <Field id="webhook-description" label={t("webhooks.description")} error={action.fieldError("description")}>
        <input id="webhook-description" className="input" value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-800">{t("webhooks.events")}</legend>
        {webhookEventTypes.map((type) => (
          <label key={type} className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={events.includes(type)} onChange={(e) => setEvents(e.target.checked ? [...events, type] : events.filter((x) => x !== type))} />
            {t(`webhooks.event.${type}`)}
          </label>
        ))}
        {action.fieldError("events") && (
          <p role="alert" className="text-sm text-red-700">
            {t(action.fieldError("events") as never)}
          </p>
        )}
      </fieldset>
      <button type="submit" className="btn-primary" disabled={action.pending}>
        {t("webhooks.create")}
      </button>
    </form>
  );
}

const statusStyles: Record<Delivery["status"], string> = {
  pending: "bg-slate-100 text-slate-800",
  succeeded: "bg-green-100 text-green-900",
  failed: "bg-red-100 text-red-900",
};

/** Registers endpoints (the secret shown once), pauses or deletes them, lists deliveries with every attempt, re-sends one. */
export function WebhooksEditor({ scope, endpoints, deliveries }: { scope: WebhookScope; endpoints: Endpoint[]; deliveries: Delivery[] }) {
  const t = useT();
  const f = useFormatters();
  const client = useTRPCClient();
  const change = useAction();
  const [resent, setResent] = useState<string | null>(null);
  const org = scope.kind === "organisation" ? { organisationId: scope.organisationId } : null;
  const setActive = (endpointId: string, active: boolean) =>
    org ? client.webhooks.setActive.mutate({ ...org, endpointId, active }) : client.webhooks.setAuthorityActive.mutate({ endpointId, active });
  const remove = (endpointId: string) => (org ? client.webhooks.delete.mutate({ ...org, endpointId }) : client.webhooks.deleteAuthority.mutate({ endpointId }));
  const resend = (deliveryId: string) => (org ? client.webhooks.redeliver.mutate({ ...org, deliveryId }) : client.webhooks.redeliverAuthority.mutate({ deliveryId }));
  return (
    <div className="space-y-6">
      <CreateForm scope={scope} />
      <FormError message={change.error} />
      <section className="space-y-2" aria-labelledby="webhook-endpoints">
        <h2 id="webhook-endpoints" className="text-lg font-semibold">
          {t("webhooks.endpoints")}
        </h2>
        {endpoints.length === 0 && <p className="card">{t("webhooks.none")}</p>}
        <ul className="space-y-2">
          {endpoints.map((e) => (
            <li key={e.id} className="card space-y-1" data-testid="webhook-endpoint">
              <div className="flex flex-wrap items-center gap-2">
                <code className="break-all font-mono text-sm">{e.url}</code>
                {e.regionCode && <span className="badge bg-slate-100 text-slate-800">{e.regionCode}</span>}
                <span className={`badge ${e.active ? "bg-green-100 text-green-900" : "bg-slate-100 text-slate-800"}`}>{e.active ? t("webhooks.active") : t("webhooks.paused")}</span>
                <div className="ml-auto flex gap-2">
                  <button type="button" className="btn-secondary" disabled={change.pending} onClick={() => void change.run(() => setActive(e.id, !e.active))}>
                    {e.active ? t("webhooks.pause") : t("webhooks.resume")}
                  </button>
                  <button type="button" className="btn-secondary" disabled={change.pending} onClick={() => void change.run(() => remove(e.id))}>
                    {t("webhooks.delete")}
                  </button>
                </div>
              </div>
              {e.description && <p className="text-sm text-slate-700">{e.description}</p>}
              <p className="text-sm text-slate-600">{e.events.map((type) => t(`webhooks.event.${type}` as never)).join("、")}</p>
            </li>
          ))}
        </ul>
      </section>
      <section className="space-y-2" aria-labelledby="webhook-deliveries">
        <h2 id="webhook-deliveries" className="text-lg font-semibold">
          {t("webhooks.deliveries")}
        </h2>
        {resent && (
          <p role="status" className="text-sm text-green-800">
            {t("webhooks.redelivered")}
          </p>
        )}
        {deliveries.length === 0 && <p className="card">{t("webhooks.noDeliveries")}</p>}
        <ul className="space-y-2">
          {deliveries.map((d) => (
            <li key={d.id} className="card space-y-1" data-testid="webhook-delivery">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-semibold">{t(`webhooks.event.${d.eventType}` as never)}</span>
                <span className={`badge ${statusStyles[d.status]}`}>{t(`webhooks.status.${d.status}`)}</span>
                <span className="text-sm text-slate-600">{f.dateTime(d.createdAt)}</span>
                <span className="text-sm text-slate-600">{t("webhooks.attempts", { count: d.attemptLog.length })}</span>
                {d.status === "pending" && <span className="text-sm text-slate-600">{t("webhooks.nextAttempt", { time: f.dateTime(d.nextAttemptAt) })}</span>}
                <button
                  type="button"
                  className="btn-secondary ml-auto"
                  disabled={change.pending}
                  onClick={() => void change.run(() => resend(d.id), () => setResent(d.id))}
                >
                  {t("webhooks.redeliver")}
                </button>
              </div>
              <p className="break-all font-mono text-xs text-slate-600">
                {d.url} · {d.eventId}
              </p>
              {d.attemptLog.length > 0 && (
                <table className="w-full text-left text-xs">
                  <tbody>
                    {d.attemptLog.map((a) => (
                      <tr key={a.attemptedAt.toISOString()} className="border-t border-slate-100 align-top">
                        <td className="py-1 pr-2 whitespace-nowrap">{f.dateTime(a.attemptedAt)}</td>
                        <td className="py-1 pr-2">{a.statusCode ?? "—"}</td>
                        <td className="py-1 pr-2 whitespace-nowrap">{a.durationMs} ms</td>
                        <td className="py-1 break-all font-mono">{a.error ? (a.error.startsWith("errors.") ? t(a.error as never) : a.error) : a.responseBody}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
