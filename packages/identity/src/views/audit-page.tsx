import type { FrameProps, Translator } from "@dynamo/ui";
import { formatDateTime, type MessageKey, PageFrame, ScrollRegion } from "@dynamo/ui";

type Frame = Omit<FrameProps, "title" | "children">;

export interface AuditEventView {
  at: Date;
  actorLabel: string | null;
  action: string;
  targetLabel: string | null;
  outcome: "success" | "failure";
  clientAddress: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

/** A detail's value in words: lists joined, dates and numbers in the reader's format, never raw JSON. */
function detailText(t: Translator, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.map((v) => detailText(t, v)).join(", ");
  if (typeof value === "number") return new Intl.NumberFormat(t.locale).format(value);
  if (typeof value === "boolean") return t(value ? "audit.detail.yes" : "audit.detail.no");
  if (typeof value === "object")
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k} ${detailText(t, v)}`)
      .join(", ");
  const text = String(value);
  for (const key of [`audit.value.${text}`, `identity.role.${text}`]) if (t.has(key)) return t(key as MessageKey);
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(text) ? formatDateTime(t, new Date(text)) : text;
}

/** The tenant's audit log, newest first, a page at a time. */
export function AuditPage(props: { frame: Frame; events: readonly AuditEventView[]; olderHref: string | null }) {
  const { t } = props.frame;
  return (
    <PageFrame {...props.frame} title={t("identity.audit.title")}>
      <h1>{t("identity.audit.title")}</h1>
      {props.events.length === 0 ? (
        <p>{t("identity.audit.empty")}</p>
      ) : (
        <ScrollRegion label={t("identity.audit.title")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("identity.audit.at")}</th>
                <th scope="col">{t("identity.audit.actor")}</th>
                <th scope="col">{t("identity.audit.action")}</th>
                <th scope="col">{t("identity.audit.target")}</th>
                <th scope="col">{t("identity.audit.outcome")}</th>
                <th scope="col">{t("identity.audit.address")}</th>
                <th scope="col">{t("identity.audit.requestId")}</th>
              </tr>
            </thead>
            <tbody>
              {props.events.map((e) => (
                <tr>
                  <td>
                    <time datetime={e.at.toISOString()}>{formatDateTime(t, e.at)}</time>
                  </td>
                  <td>{e.actorLabel ?? "—"}</td>
                  <td>
                    {t.has(`audit.action.${e.action}`) ? (
                      <span data-action={e.action}>{t(`audit.action.${e.action}` as MessageKey)}</span>
                    ) : (
                      <code data-action={e.action}>{e.action}</code>
                    )}
                    {Object.keys(e.details).length > 0 && (
                      <ul class="audit-details muted">
                        {Object.entries(e.details).map(([key, value]) => (
                          <li>
                            <small>
                              {t.has(`audit.detail.${key}`) ? t(`audit.detail.${key}` as MessageKey) : key}:{" "}
                              {detailText(t, value)}
                            </small>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>{e.targetLabel ?? "—"}</td>
                  <td>{e.outcome === "success" ? t("identity.audit.success") : t("identity.audit.failure")}</td>
                  <td>{e.clientAddress ?? "—"}</td>
                  <td>
                    <small>{e.requestId ?? "—"}</small>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {props.olderHref && (
        <p>
          <a href={props.olderHref}>{t("identity.audit.older")}</a>
        </p>
      )}
    </PageFrame>
  );
}
