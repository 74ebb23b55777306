import { LOCALES } from "@dynamo/core";
import type { NetworkServices } from "@dynamo/federation";
import { PUBLICATION_KINDS, type PublicationKind } from "@dynamo/federation";
import {
  authorize,
  formField,
  mayDo,
  pageFrame,
  parseForm,
  problem,
  renderPage,
  signedIn,
  type TenantEnv,
} from "@dynamo/web";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { peeringMessage, publicationErrors } from "./respond.ts";
import {
  DeliveryPage,
  PeersPage,
  type PublicationFormValues,
  PublicationPage,
  PublicationsAdminPage,
  PublicPublicationsPage,
} from "./views.tsx";

/** The site's frame: navigation and account are the same on every page. */
const frame = pageFrame;

const EMPTY: PublicationFormValues = { kind: "news", titles: {}, bodies: {} };

/** The peers' forms: an actor, and a decision. */
const PeerForm = z.object({ actor: formField.line(2000), decision: formField.line(20) });

/** The publication form: a kind, a title and a text per language. */
const PublicationForm = z.object({ kind: formField.line(40) }).catchall(formField.lines());

function publicationForm(form: z.infer<typeof PublicationForm>): PublicationFormValues {
  const values: PublicationFormValues = {
    kind: (PUBLICATION_KINDS as readonly string[]).includes(form.kind) ? (form.kind as PublicationKind) : "news",
    titles: {},
    bodies: {},
  };
  for (const locale of LOCALES) {
    values.titles[locale] = form[`titles.${locale}`] ?? "";
    values.bodies[locale] = form[`bodies.${locale}`] ?? "";
  }
  return values;
}

/** The network's pages: peers, publications (admin and public), delivery status. */
export function mountNetworkPages(router: OpenAPIHono<TenantEnv>, network: NetworkServices): void {
  const peersPage = async (
    c: Context<TenantEnv>,
    o: Omit<Parameters<typeof PeersPage>[0], "frame" | "peers" | "canManage"> = {},
    status: 200 | 400 | 409 = 200,
  ) =>
    renderPage(
      c,
      <PeersPage
        frame={frame(c, "/admin/peers")}
        peers={await network.listPeers(c.get("tenant"))}
        canManage={mayDo(c, "peers.manage")}
        {...o}
      />,
      status,
    );

  router.get("/admin/peers", authorize("peers.list"), (c) =>
    peersPage(c, { notice: c.req.query("done") ? c.get("t")("federation.peers.decided") : undefined }),
  );

  router.post("/admin/peers", authorize("peers.manage"), async (c) => {
    const form = await parseForm(c, PeerForm);
    if (!form.ok) return form.response;
    const target = form.value.actor.trim();
    const result = await network.requestPeering(c.get("tenant"), signedIn(c).person.id, target);
    if (result.ok) return c.redirect("/admin/peers?done=1", 303);
    const message = peeringMessage(c.get("t"), result.error);
    if (result.error.kind === "remote-actor-not-found" || result.error.kind === "self")
      return peersPage(c, { target, errors: [{ field: "actor", message }] }, 400);
    return peersPage(c, { target, errorMessage: message }, 409);
  });

  router.post("/admin/peers/decision", authorize("peers.manage"), async (c) => {
    const form = await parseForm(c, PeerForm);
    if (!form.ok) return form.response;
    const decision = form.value.decision === "approve" ? "approve" : "refuse";
    const result = await network.decidePeering(c.get("tenant"), signedIn(c).person.id, form.value.actor, decision);
    if (result.ok) {
      await c.get("audit")({ action: `peering.${decision}`, target: { type: "peer", id: form.value.actor } });
      return c.redirect("/admin/peers?done=1", 303);
    }
    if (result.error.kind === "not-found") return problem(c, "not-found");
    return peersPage(c, { errorMessage: peeringMessage(c.get("t"), result.error) }, 409);
  });

  router.post("/admin/peers/end", authorize("peers.manage"), async (c) => {
    const form = await parseForm(c, PeerForm);
    if (!form.ok) return form.response;
    const result = await network.endPeering(c.get("tenant"), signedIn(c).person.id, form.value.actor);
    if (result.ok) {
      await c.get("audit")({ action: "peering.end", target: { type: "peer", id: form.value.actor } });
      return c.redirect("/admin/peers?done=1", 303);
    }
    if (result.error.kind === "not-found") return problem(c, "not-found");
    return peersPage(c, { errorMessage: peeringMessage(c.get("t"), result.error) }, 409);
  });

  const adminPublications = async (
    c: Context<TenantEnv>,
    form: PublicationFormValues,
    o: { errors?: { field: string; message: string }[]; notice?: string } = {},
    status: 200 | 400 = 200,
  ) =>
    renderPage(
      c,
      <PublicationsAdminPage
        frame={frame(c, "/admin/publications")}
        publications={await network.listPublications(c.get("tenant"))}
        form={form}
        {...o}
      />,
      status,
    );

  router.get("/admin/publications", authorize("publications.create"), (c) =>
    adminPublications(c, EMPTY, c.req.query("done") ? { notice: c.get("t")("federation.publications.published") } : {}),
  );

  router.post("/admin/publications", authorize("publications.create"), async (c) => {
    const form = await parseForm(c, PublicationForm);
    if (!form.ok) return form.response;
    const values = publicationForm(form.value);
    const result = await network.createPublication(c.get("tenant"), values);
    if (result.ok) return c.redirect("/admin/publications?done=1", 303);
    if (result.error.kind === "not-found") return problem(c, "not-found");
    return adminPublications(c, values, { errors: publicationErrors(c.get("t"), result.error.problems) }, 400);
  });

  // Published articles are public, as they are to any fediverse server: no permission needed.
  router.get("/publications", async (c) =>
    renderPage(
      c,
      <PublicPublicationsPage
        frame={frame(c, "/publications")}
        publications={await network.listPublications(c.get("tenant"))}
      />,
    ),
  );

  router.get("/publications/:id", async (c) => {
    const id = c.req.param("id");
    const publication = /^[0-9a-f-]{36}$/.test(id) ? await network.getPublication(c.get("tenant"), id) : undefined;
    if (publication === undefined) return problem(c, "not-found");
    return renderPage(c, <PublicationPage frame={frame(c, "/publications")} publication={publication} />);
  });

  const deliveryPage = async (c: Context<TenantEnv>, notice?: string) => {
    const status = await network.deliveryStatus(c.get("tenant"));
    return renderPage(
      c,
      <DeliveryPage
        frame={frame(c, "/admin/delivery")}
        {...status}
        canCatchUp={mayDo(c, "peers.manage")}
        notice={notice}
      />,
    );
  };

  router.get("/admin/delivery", authorize("delivery.read"), (c) => deliveryPage(c));

  router.post("/admin/delivery/catch-up", authorize("peers.manage"), async (c) => {
    const reports = await network.catchUp(c.get("tenant"));
    const applied = reports.reduce((sum, r) => sum + r.applied, 0);
    return deliveryPage(c, c.get("t").plural("federation.delivery.caughtUp", applied));
  });
}
