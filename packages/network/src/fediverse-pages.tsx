import { LOCALES } from "@dynamo/core";
import { MAX_ICON_BYTES, type NetworkServices, PUBLICATION_KINDS, type PublicationKind } from "@dynamo/federation";
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
} from "@dynamo/ui";
import { authorize, formField, pageFrame, parseForm, problem, renderPage, signedIn, type TenantEnv } from "@dynamo/web";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { fediverseMessage } from "./fediverse-api.ts";
import { PublicPublicationsPage } from "./views.tsx";

type Frame = Omit<FrameProps, "title" | "children">;

const ProfileForm = z.object({ discoverable: formField.line(10) }).catchall(formField.lines(2000));
const ServerForm = z.object({ server: formField.line(300), reason: formField.line(500) });

function FediversePage(props: {
  frame: Frame;
  handle: string;
  profile: Awaited<ReturnType<NetworkServices["fediverseProfile"]>>;
  followers: Awaited<ReturnType<NetworkServices["listFediverseFollowers"]>>;
  blocked: Awaited<ReturnType<NetworkServices["listBlockedServers"]>>;
  iconUrl: string;
  notice?: string | undefined;
  errors?: FieldErrorView[] | undefined;
  errorMessage?: string | undefined;
}) {
  const { t } = props.frame;
  const csrf = <CsrfField token={props.frame.csrfToken} />;
  return (
    <PageFrame {...props.frame} title={t("federation.fediverse.title")}>
      <h1>{t("federation.fediverse.title")}</h1>
      <p>{t("federation.fediverse.intro", { handle: props.handle })}</p>
      <Notice text={props.notice} />
      <FormErrors t={t} errors={props.errors} message={props.errorMessage} />
      <form method="post" action="/admin/fediverse/profile">
        <h2>{t("federation.fediverse.profile")}</h2>
        {csrf}
        {LOCALES.map((locale) => {
          const language = t(`lang.${locale}` as MessageKey);
          return (
            <p lang={locale}>
              <label for={`field-summary-${locale}`}>{t("federation.fediverse.summaryIn", { language })}</label>
              <textarea id={`field-summary-${locale}`} name={`summaries.${locale}`} rows={3} maxlength={2000}>
                {props.profile.summaries[locale] ?? ""}
              </textarea>
            </p>
          );
        })}
        <p>
          <label>
            <input type="checkbox" name="discoverable" value="yes" checked={props.profile.discoverable} />{" "}
            {t("federation.fediverse.discoverable")}
          </label>
        </p>
        <button type="submit">{t("federation.fediverse.save")}</button>
      </form>
      <form method="post" action="/admin/fediverse/icon" enctype="multipart/form-data">
        <h2>{t("federation.fediverse.icon")}</h2>
        {csrf}
        <img src={props.iconUrl} alt="" width="96" height="96" />
        <p class="muted">{t("federation.fediverse.iconHint", { size: Math.round(MAX_ICON_BYTES / 1024) })}</p>
        <label for="field-icon">{t("federation.fediverse.icon")}</label>
        <input id="field-icon" type="file" name="icon" accept="image/png,image/jpeg,image/webp,image/gif" />
        <button type="submit">{t("federation.fediverse.iconUpload")}</button>{" "}
        {props.profile.icon && (
          <button type="submit" name="remove" value="yes" class="secondary">
            {t("federation.fediverse.iconRemove")}
          </button>
        )}
      </form>
      <h2>{t("federation.fediverse.followers", { count: props.followers.total })}</h2>
      {props.followers.followers.length === 0 ? (
        <p>{t("federation.fediverse.noFollowers")}</p>
      ) : (
        <ul>
          {props.followers.followers.map((f) => (
            <li>
              {f.name ?? ""} <small>{f.actorId}</small> · {formatDateTime(t, f.since)}
            </li>
          ))}
        </ul>
      )}
      <h2>{t("federation.fediverse.blocked")}</h2>
      {props.blocked.length === 0 ? (
        <p>{t("federation.fediverse.noBlocked")}</p>
      ) : (
        <ScrollRegion label={t("federation.fediverse.blocked")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("federation.fediverse.server")}</th>
                <th scope="col">{t("federation.fediverse.reason")}</th>
                <th scope="col">{t("federation.peers.since")}</th>
                <th scope="col">{t("federation.peers.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {props.blocked.map((b) => (
                <tr>
                  <td>{b.server}</td>
                  <td>{b.reason ?? ""}</td>
                  <td>{formatDateTime(t, b.blockedAt)}</td>
                  <td>
                    <form method="post" action="/admin/fediverse/unblock">
                      {csrf}
                      <input type="hidden" name="server" value={b.server} />
                      <button type="submit">{t("federation.fediverse.unblock")}</button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <form method="post" action="/admin/fediverse/block">
        <h3>{t("federation.fediverse.block")}</h3>
        {csrf}
        <TextField
          name="server"
          label={t("federation.fediverse.server")}
          hint={t("federation.fediverse.blockHint")}
          required
          errors={props.errors}
        />
        <TextField name="reason" label={t("federation.fediverse.reason")} errors={props.errors} />
        <button type="submit">{t("federation.fediverse.blockSubmit")}</button>
      </form>
    </PageFrame>
  );
}

/**
 * The tenant's face on the fediverse: its admin's page (profile, logo, followers, blocked
 * servers), the logo itself, the pages each publication kind's hashtag links to, and the pages a
 * browser is sent to when it opens an ActivityPub id.
 */
export function mountFediversePages(router: OpenAPIHono<TenantEnv>, network: NetworkServices): void {
  const page = async (
    c: Context<TenantEnv>,
    o: { notice?: string; errors?: FieldErrorView[]; errorMessage?: string } = {},
    status: 200 | 400 | 409 = 200,
  ) => {
    const tenant = c.get("tenant");
    const host = new URL(c.req.url).host;
    return renderPage(
      c,
      <FediversePage
        frame={pageFrame(c, "/admin/fediverse")}
        handle={`@${tenant.slug}@${tenant.hosts[0] ?? host}`}
        profile={await network.fediverseProfile(tenant)}
        followers={await network.listFediverseFollowers(tenant)}
        blocked={await network.listBlockedServers(tenant)}
        iconUrl={`/ap/actors/${tenant.slug}/icon`}
        {...o}
      />,
      status,
    );
  };

  router.get("/admin/fediverse", authorize("fediverse.manage"), (c) =>
    page(c, c.req.query("done") ? { notice: c.get("t")("federation.fediverse.done") } : {}),
  );

  router.post("/admin/fediverse/profile", authorize("fediverse.manage"), async (c) => {
    const form = await parseForm(c, ProfileForm);
    if (!form.ok) return form.response;
    const summaries = Object.fromEntries(LOCALES.map((l) => [l, form.value[`summaries.${l}`] ?? ""]));
    await network.updateFediverseProfile(c.get("tenant"), {
      summaries,
      discoverable: form.value.discoverable === "yes",
    });
    return c.redirect("/admin/fediverse?done=1", 303);
  });

  router.post("/admin/fediverse/icon", authorize("fediverse.manage"), async (c) => {
    const body = await c.req.parseBody();
    const file = body.icon;
    const remove = body.remove === "yes";
    if (!remove && !(file instanceof File && file.size > 0)) return problem(c, "icon-not-an-image");
    const result = await network.updateFediverseProfile(c.get("tenant"), {
      icon: remove ? null : new Uint8Array(await (file as File).arrayBuffer()),
    });
    if (result.ok) return c.redirect("/admin/fediverse?done=1", 303);
    return page(c, { errorMessage: fediverseMessage(c.get("t"), result.error) }, 400);
  });

  router.post("/admin/fediverse/block", authorize("fediverse.manage"), async (c) => {
    const form = await parseForm(c, ServerForm);
    if (!form.ok) return form.response;
    const { server, reason } = form.value;
    const result = await network.blockServer(c.get("tenant"), signedIn(c).person.id, server, reason.trim() || null);
    if (result.ok) return c.redirect("/admin/fediverse?done=1", 303);
    const message = fediverseMessage(c.get("t"), result.error);
    if (result.error.kind === "invalid-server") return page(c, { errors: [{ field: "server", message }] }, 400);
    return page(c, { errorMessage: message }, 409);
  });

  router.post("/admin/fediverse/unblock", authorize("fediverse.manage"), async (c) => {
    const form = await parseForm(c, ServerForm);
    if (!form.ok) return form.response;
    const result = await network.unblockServer(c.get("tenant"), form.value.server);
    if (!result.ok) return problem(c, "not-found");
    return c.redirect("/admin/fediverse?done=1", 303);
  });

  // The logo fediverse servers show as the actor's avatar: public, cached a day.
  router.get("/ap/actors/:identifier/icon", async (c) => {
    const icon = await network.actorIcon(c.get("tenant"), c.req.param("identifier"));
    if (icon === undefined) return problem(c, "not-found");
    return c.body(new Uint8Array(icon.bytes), 200, {
      "content-type": icon.mediaType,
      "cache-control": "public, max-age=86400",
    });
  });

  // An ActivityPub id opened in a browser: the page it stands for.
  router.get("/ap/actors/:identifier", (c) => c.redirect("/", 303));
  router.get("/ap/actors/:identifier/:collection{followers|following|outbox}", (c) => c.redirect("/publications", 303));
  router.get("/ap/articles/:id", (c) => c.redirect(`/publications/${c.req.param("id")}`, 303));

  // Each kind's page: where a publication's hashtag links.
  router.get("/publications/kinds/:kind", async (c) => {
    const kind = c.req.param("kind");
    if (!(PUBLICATION_KINDS as readonly string[]).includes(kind)) return problem(c, "not-found");
    const t = c.get("t");
    return renderPage(
      c,
      <PublicPublicationsPage
        frame={pageFrame(c, "/publications")}
        title={t("federation.publications.kindTitle", {
          kind: t(`federation.publications.kind.${kind}` as MessageKey),
        })}
        publications={await network.listPublications(c.get("tenant"), { kind: kind as PublicationKind })}
      />,
    );
  });
}
