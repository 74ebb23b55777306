import type { FrameProps } from "@dynamo/ui";
import { formatDateTime, type MessageKey, PageFrame } from "@dynamo/ui";

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

/** The tenant's audit log, newest first, a page at a time. */
export function AuditPage(props: { frame: Frame; events: readonly AuditEventView[]; olderHref: string | null }) {
  const { t } = props.frame;
  return (
    <PageFrame {...props.frame} title={t("identity.audit.title")}>
      <h1>{t("identity.audit.title")}</h1>
      {props.events.length === 0 ? (
        <p>{t("identity.audit.empty")}</p>
      ) : (
        <div style="overflow-x:auto">
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
                      <>
                        <br />
                        <small class="muted">{JSON.stringify(e.details)}</small>
                      </>
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
        </div>
      )}
      {props.olderHref && (
        <p>
          <a href={props.olderHref}>{t("identity.audit.older")}</a>
        </p>
      )}
    </PageFrame>
  );
}
