import { hostWithoutPort, pickLocalized, type TenantKind } from "@dynamo/core";
import type { Db } from "@dynamo/db";
import type { MessageKey } from "@dynamo/ui";
import { formField, type NodeEnv, parseForm, problem } from "@dynamo/web";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { completeSetup, type SetupFieldProblem, setupState } from "./first-run.ts";
import { SetupDonePage, type SetupFormValues, SetupPage } from "./setup-page.tsx";
import { checkSetupToken, type SetupTokenError } from "./setup-token.ts";

export interface SetupRouteDeps {
  db: Db;
  kind: TenantKind;
  nodeSecret: string;
  publicUrl: string;
  clock: () => Date;
  newId: () => string;
}

const SetupForm = z.object({
  token: formField.line(200),
  tenantSlug: formField.line(64),
  regionCode: formField.line(8),
  host: formField.line(253),
  locale: formField.line(8),
  email: formField.line(320),
  displayName: formField.line(200),
  password: z.string().max(1024).default(""),
});

const TOKEN_PROBLEM = {
  malformed: "link-unknown",
  forged: "link-unknown",
  expired: "link-expired",
} as const satisfies Record<SetupTokenError, string>;

function html(c: Context<NodeEnv>, page: unknown, status: 200 | 201 | 400 | 409 = 200) {
  c.header("Cache-Control", "no-store");
  c.header("Referrer-Policy", "no-referrer");
  return c.html(`<!doctype html>${page}`, status);
}

/**
 * The first-run setup at /setup, on any host (the node may have no tenant yet): the link the
 * node logs when no tenant has an administrator opens a form that creates the tenant and its
 * first administrator. A link that is not this node's, over an hour old, or used once the node
 * has an administrator is refused with a translated page.
 */
export function mountSetupRoutes(app: OpenAPIHono<NodeEnv>, deps: SetupRouteDeps): void {
  const defaults = (): SetupFormValues => ({
    regionCode: "",
    host: hostWithoutPort(new URL(deps.publicUrl).host),
    locale: "",
    tenantSlug: "",
    email: "",
    displayName: "",
  });

  app.get("/setup", async (c) => {
    const token = c.req.query("token") ?? "";
    const checked = checkSetupToken(deps.nodeSecret, token, deps.clock());
    if (!checked.ok) return problem(c, TOKEN_PROBLEM[checked.error]);
    const state = await setupState(deps.db, deps.kind);
    if (!state.open) return problem(c, "setup-closed");
    return html(
      c,
      <SetupPage t={c.get("t")} kind={deps.kind} token={token} tenants={state.tenants} values={defaults()} />,
    );
  });

  app.post("/setup", async (c) => {
    const form = await parseForm(c, SetupForm);
    if (!form.ok) return form.response;
    const input = {
      ...form.value,
      tenantSlug: form.value.tenantSlug || undefined,
      regionCode: form.value.regionCode || undefined,
      host: form.value.host || undefined,
      locale: form.value.locale || undefined,
      displayName: form.value.displayName || undefined,
    };
    const result = await completeSetup(deps, input);
    if (result.ok) {
      const { tenant, admin } = result.value;
      c.get("logger").info("first run: created the administrator of {tenant}", { tenant: tenant.slug });
      const scheme = new URL(deps.publicUrl).protocol;
      const site = pickLocalized(tenant.names, c.get("t").locale) ?? tenant.slug;
      return html(
        c,
        <SetupDonePage
          t={c.get("t")}
          site={site}
          email={admin.email}
          loginUrl={`${scheme}//${tenant.hosts[0]}/login`}
        />,
        201,
      );
    }
    const error = result.error;
    switch (error.kind) {
      case "token":
        return problem(c, TOKEN_PROBLEM[error.error]);
      case "closed":
        return problem(c, "setup-closed");
      case "email-taken":
      case "invalid": {
        const problems: SetupFieldProblem[] =
          error.kind === "invalid" ? error.problems : [{ field: "email", code: "email.invalid" }];
        const state = await setupState(deps.db, deps.kind);
        const t = c.get("t");
        const values: SetupFormValues = {
          regionCode: input.regionCode ?? "",
          host: input.host ?? "",
          locale: input.locale ?? "",
          tenantSlug: input.tenantSlug ?? "",
          email: input.email,
          displayName: input.displayName ?? "",
        };
        const errors = problems.map((p) => ({
          field: p.field,
          message: t(`identity.error.${p.code}` as MessageKey, "params" in p ? p.params : undefined),
        }));
        return html(
          c,
          <SetupPage
            t={t}
            kind={deps.kind}
            token={input.token}
            tenants={state.open ? state.tenants : []}
            values={values}
            errors={errors}
          />,
          400,
        );
      }
    }
  });
}
