import { LOCALES, pickLocalized } from "@dynamo/core";
import type { Delivery, InboxRefusal, Peer, PeerDeliverySummary } from "@dynamo/federation";
import { PUBLICATION_KINDS, type Publication, renderText } from "@dynamo/federation";
import {
  CsrfField,
  type FieldErrorView,
  FormErrors,
  type FrameProps,
  formatDateTime,
  type MessageKey,
  Notice,
  PageFrame,
  ScrollRegion,
  TextField,
  type Translator,
} from "@dynamo/ui";
import { raw } from "hono/html";

type Frame = Omit<FrameProps, "title" | "children">;
const when = (t: Translator, date: Date | null) => (date ? formatDateTime(t, date) : "—");

export function PeersPage(props: {
  frame: Frame;
  peers: Peer[];
  canManage: boolean;
  notice?: string | undefined;
  errors?: FieldErrorView[] | undefined;
  errorMessage?: string | undefined;
  target?: string;
}) {
  const { t } = props.frame;
  const csrf = <CsrfField token={props.frame.csrfToken} />;
  const action = (path: string, actor: string, label: string, extra?: { name: string; value: string }) => (
    <form method="post" action={path} style="display:inline">
      {csrf}
      <input type="hidden" name="actor" value={actor} />
      {extra && <input type="hidden" name={extra.name} value={extra.value} />}
      <button type="submit">{label}</button>
    </form>
  );
  return (
    <PageFrame {...props.frame} title={t("federation.peers.title")}>
      <h1>{t("federation.peers.title")}</h1>
      <p>{t("federation.peers.intro")}</p>
      <Notice text={props.notice} />
      <FormErrors t={t} errors={props.errors} message={props.errorMessage} />
      {props.peers.length === 0 ? (
        <p>{t("federation.peers.none")}</p>
      ) : (
        <ScrollRegion label={t("federation.peers.title")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("federation.peers.actor")}</th>
                <th scope="col">{t("federation.peers.region")}</th>
                <th scope="col">{t("federation.peers.direction")}</th>
                <th scope="col">{t("federation.peers.state")}</th>
                <th scope="col">{t("federation.peers.since")}</th>
                {props.canManage && <th scope="col">{t("federation.peers.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {props.peers.map((peer) => (
                <tr>
                  <td>
                    {peer.name ?? ""} <small>{peer.actorId}</small>
                  </td>
                  <td>{peer.regionCode ?? "—"}</td>
                  <td>{t(`federation.peers.direction.${peer.direction}` as MessageKey)}</td>
                  <td>{t(`federation.peers.state.${peer.state}` as MessageKey)}</td>
                  <td>{when(t, peer.since)}</td>
                  {props.canManage && (
                    <td>
                      {peer.state === "requested" && peer.direction === "incoming" && (
                        <>
                          {action("/admin/peers/decision", peer.actorId, t("federation.peers.approve"), {
                            name: "decision",
                            value: "approve",
                          })}{" "}
                          {action("/admin/peers/decision", peer.actorId, t("federation.peers.refuse"), {
                            name: "decision",
                            value: "refuse",
                          })}
                        </>
                      )}
                      {(peer.state === "active" || (peer.state === "requested" && peer.direction === "outgoing")) &&
                        action("/admin/peers/end", peer.actorId, t("federation.peers.end"))}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {props.canManage && (
        <form method="post" action="/admin/peers">
          <h2>{t("federation.peers.request")}</h2>
          {csrf}
          <TextField
            name="actor"
            type="url"
            label={t("federation.peers.actor")}
            hint={t("federation.peers.requestHint")}
            value={props.target}
            required
            errors={props.errors}
          />
          <button type="submit">{t("federation.peers.send")}</button>
        </form>
      )}
    </PageFrame>
  );
}

export interface PublicationFormValues {
  kind: (typeof PUBLICATION_KINDS)[number];
  titles: Partial<Record<(typeof LOCALES)[number], string>>;
  bodies: Partial<Record<(typeof LOCALES)[number], string>>;
}

function PublicationList(props: { t: Translator; publications: Publication[] }) {
  const { t } = props;
  if (props.publications.length === 0) return <p>{t("federation.publications.none")}</p>;
  return (
    <ul class="publications">
      {props.publications.map((p) => (
        <li>
          <a
            href={`/publications/${p.id}`}
            lang={LOCALES.find((l) => p.titles[l] === pickLocalized(p.titles, t.locale))}
          >
            {pickLocalized(p.titles, t.locale) ?? ""}
          </a>{" "}
          <small>
            {t(`federation.publications.kind.${p.kind}` as MessageKey)} ·{" "}
            {t("federation.publications.by", {
              author: p.authorName ?? p.authorActorId,
              date: formatDateTime(t, p.publishedAt),
            })}
          </small>
        </li>
      ))}
    </ul>
  );
}

export function PublicationsAdminPage(props: {
  frame: Frame;
  publications: Publication[];
  form: PublicationFormValues;
  errors?: FieldErrorView[] | undefined;
  notice?: string | undefined;
}) {
  const { t } = props.frame;
  return (
    <PageFrame {...props.frame} title={t("federation.publications.title")}>
      <h1>{t("federation.publications.title")}</h1>
      <Notice text={props.notice} />
      <form method="post" action="/admin/publications">
        <h2>{t("federation.publications.write")}</h2>
        <FormErrors t={t} errors={props.errors} />
        <CsrfField token={props.frame.csrfToken} />
        <p class="muted">{t("federation.publications.languagesHint")}</p>
        <label for="field-kind">{t("federation.publications.kind")}</label>
        <select id="field-kind" name="kind">
          {PUBLICATION_KINDS.map((kind) => (
            <option value={kind} selected={kind === props.form.kind}>
              {t(`federation.publications.kind.${kind}` as MessageKey)}
            </option>
          ))}
        </select>
        {LOCALES.map((locale) => {
          const language = t(`lang.${locale}` as MessageKey);
          return (
            <fieldset lang={locale}>
              <legend>{language}</legend>
              <TextField
                name={`titles.${locale}`}
                label={t("federation.publications.titleIn", { language })}
                value={props.form.titles[locale]}
                maxlength={300}
                errors={props.errors}
              />
              <label for={`field-bodies-${locale}`}>{t("federation.publications.bodyIn", { language })}</label>
              <textarea id={`field-bodies-${locale}`} name={`bodies.${locale}`} rows={6}>
                {props.form.bodies[locale] ?? ""}
              </textarea>
            </fieldset>
          );
        })}
        <button type="submit">{t("federation.publications.publish")}</button>
      </form>
      <PublicationList t={t} publications={props.publications} />
    </PageFrame>
  );
}

export function PublicPublicationsPage(props: { frame: Frame; publications: Publication[]; title?: string }) {
  const { t } = props.frame;
  const title = props.title ?? t("federation.publications.publicTitle");
  return (
    <PageFrame {...props.frame} title={title}>
      <h1>{title}</h1>
      <PublicationList t={t} publications={props.publications} />
    </PageFrame>
  );
}

export function PublicationPage(props: { frame: Frame; publication: Publication }) {
  const { t } = props.frame;
  const p = props.publication;
  const locale =
    LOCALES.find((l) => p.bodies[l] !== undefined && l === t.locale) ??
    LOCALES.find((l) => p.bodies[l] !== undefined) ??
    t.locale;
  const title = p.titles[locale] ?? pickLocalized(p.titles, t.locale) ?? "";
  const others = LOCALES.filter((l) => l !== locale && p.bodies[l] !== undefined);
  return (
    <PageFrame {...props.frame} title={title}>
      <article lang={locale}>
        <h1>{title}</h1>
        <p class="muted">
          {t(`federation.publications.kind.${p.kind}` as MessageKey)} ·{" "}
          {t("federation.publications.by", {
            author: p.authorName ?? p.authorActorId,
            date: formatDateTime(t, p.publishedAt),
          })}
        </p>
        {raw(renderText(p.bodies[locale] ?? ""))}
      </article>
      {others.map((other) => (
        <details lang={other}>
          <summary>
            {t("federation.publications.otherLanguages")} {t(`lang.${other}` as MessageKey)} — {p.titles[other] ?? ""}
          </summary>
          {raw(renderText(p.bodies[other] ?? ""))}
        </details>
      ))}
    </PageFrame>
  );
}

/** An ActivityStreams type (Create, Follow…) in the reader's words; an unknown one as it came. */
function activityLabel(t: Translator, type: string): string {
  const key = `federation.activity.${type}`;
  return t.has(key) ? t(key) : type;
}

export function DeliveryPage(props: {
  frame: Frame;
  peers: PeerDeliverySummary[];
  deliveries: Delivery[];
  refusals: InboxRefusal[];
  canCatchUp: boolean;
  notice?: string | undefined;
}) {
  const { t } = props.frame;
  const states = ["queued", "retrying", "delivered", "refused", "unreachable"] as const;
  return (
    <PageFrame {...props.frame} title={t("federation.delivery.title")}>
      <h1>{t("federation.delivery.title")}</h1>
      <Notice text={props.notice} />
      <h2>{t("federation.delivery.perPeer")}</h2>
      {props.peers.length === 0 ? (
        <p>{t("federation.delivery.none")}</p>
      ) : (
        <ScrollRegion label={t("federation.delivery.perPeer")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("federation.delivery.peer")}</th>
                {states.map((s) => (
                  <th scope="col">{t(`federation.delivery.state.${s}`)}</th>
                ))}
                <th scope="col">{t("federation.delivery.failingSince")}</th>
                <th scope="col">{t("federation.delivery.lastDelivered")}</th>
              </tr>
            </thead>
            <tbody>
              {props.peers.map((p) => (
                <tr>
                  <td>{p.peerActorId}</td>
                  {states.map((s) => (
                    <td>{p.counts[s]}</td>
                  ))}
                  <td>{when(t, p.failingSince)}</td>
                  <td>{when(t, p.lastDeliveredAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <h2>{t("federation.delivery.recent")}</h2>
      {props.deliveries.length > 0 && (
        <ScrollRegion label={t("federation.delivery.recent")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("federation.delivery.activity")}</th>
                <th scope="col">{t("federation.delivery.peer")}</th>
                <th scope="col">{t("federation.peers.state")}</th>
                <th scope="col">{t("federation.delivery.attempts")}</th>
                <th scope="col">{t("federation.delivery.nextTry")}</th>
                <th scope="col">{t("federation.delivery.why")}</th>
              </tr>
            </thead>
            <tbody>
              {props.deliveries.map((d) => (
                <tr>
                  <td>
                    <span data-activity-type={d.activityType}>{activityLabel(t, d.activityType)}</span>{" "}
                    <small>{when(t, d.createdAt)}</small>
                  </td>
                  <td>{d.peerActorId}</td>
                  <td>{t(`federation.delivery.state.${d.state}`)}</td>
                  <td>{d.attempts}</td>
                  <td>{when(t, d.nextAttemptAt)}</td>
                  <td>{d.lastError ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <h2>{t("federation.delivery.refusals")}</h2>
      {props.refusals.length === 0 ? (
        <p>{t("federation.delivery.noRefusals")}</p>
      ) : (
        <ScrollRegion label={t("federation.delivery.refusals")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("federation.delivery.at")}</th>
                <th scope="col">{t("federation.peers.actor")}</th>
                <th scope="col">{t("federation.delivery.activity")}</th>
                <th scope="col">{t("federation.delivery.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {props.refusals.map((r) => (
                <tr>
                  <td>{when(t, r.at)}</td>
                  <td>{r.actorId ?? "—"}</td>
                  <td>
                    {r.type !== null && <span data-activity-type={r.type}>{activityLabel(t, r.type)}</span>}{" "}
                    <small>{r.activityId ?? ""}</small>
                  </td>
                  <td>
                    {r.reason} <small>{r.detail ?? ""}</small>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {props.canCatchUp && (
        <form method="post" action="/admin/delivery/catch-up">
          <CsrfField token={props.frame.csrfToken} />
          <button type="submit">{t("federation.delivery.catchUp")}</button>
        </form>
      )}
    </PageFrame>
  );
}
