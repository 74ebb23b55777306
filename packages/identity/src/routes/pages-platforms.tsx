import {
  isLocale,
  LOCALES,
  type LocalizedText,
  PLATFORM_STATUSES,
  type PlatformStatus,
  pickLocalized,
} from "@dynamo/core";
import { createAuditRepo } from "@dynamo/db";
import type { FieldErrorView } from "@dynamo/ui";
import type { TenantEnv } from "@dynamo/web";
import { authorize, formField, mayDo, orNull, pageFrame, parseForm, renderPage, signedIn } from "@dynamo/web";
import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { type IdentityDeps, identityContext } from "../deps.ts";
import type { Platform } from "../domain/platform.ts";
import { createPlatform, getPlatform, listPlatforms, updatePlatform } from "../services/platforms.ts";
import { AuditPage } from "../views/audit-page.tsx";
import { PlatformEditPage, type PlatformFormValues, PlatformsPage } from "../views/platforms-pages.tsx";
import { cursorOf, parseCursor } from "./api-audit.ts";
import { fieldErrors, identityProblem } from "./respond.ts";

/** The platform form and the status form, checked before anything reads them. */
const PlatformForm = z
  .object({
    countryCode: formField.line(10),
    status: formField.line(20),
    joinedOn: formField.line(20),
    "contact.email": formField.line(320),
    "contact.phone": formField.line(60),
    "contact.address": formField.lines(500),
    "contact.website": formField.line(500),
    reason: formField.lines(2000),
    ...Object.fromEntries(LOCALES.map((locale) => [`names.${locale}`, formField.line(200)])),
  })
  .catchall(formField.line());
type Form = z.infer<typeof PlatformForm>;
const StatusForm = z.object({ status: formField.line(20), reason: formField.lines(2000) });

const statusOf = (value: string): PlatformStatus =>
  (PLATFORM_STATUSES as readonly string[]).includes(value) ? (value as PlatformStatus) : "active";

function namesOf(form: Form): LocalizedText {
  const names: LocalizedText = {};
  for (const locale of LOCALES) if (isLocale(locale)) names[locale] = form[`names.${locale}`] ?? "";
  return names;
}

function valuesOf(form: Form): PlatformFormValues {
  return {
    countryCode: form.countryCode,
    names: namesOf(form),
    status: statusOf(form.status),
    joinedOn: form.joinedOn,
    contact: {
      email: orNull(form["contact.email"]),
      phone: orNull(form["contact.phone"]),
      address: orNull(form["contact.address"]),
      website: orNull(form["contact.website"]),
    },
    reason: form.reason,
  };
}

const view = (c: Context<TenantEnv>, p: Platform) => ({
  ...p,
  name: pickLocalized(p.names, c.get("locale")) ?? p.countryCode,
});

const EMPTY_FORM: PlatformFormValues = {
  countryCode: "",
  names: {},
  status: "active",
  joinedOn: "",
  contact: { email: null, phone: null, address: null, website: null },
  reason: "",
};

/** Platforms administration and the audit log. */
export function mountPlatformPages(router: OpenAPIHono<TenantEnv>, deps: IdentityDeps): void {
  const listPage = async (
    c: Context<TenantEnv>,
    options: {
      form?: PlatformFormValues;
      errors?: FieldErrorView[];
      errorMessage?: string;
      status?: 200 | 400 | 409;
    } = {},
  ) => {
    const platforms = await listPlatforms(identityContext(c, deps));
    return renderPage(
      c,
      <PlatformsPage
        frame={pageFrame(c, "/admin/platforms")}
        platforms={platforms.map((p) => view(c, p))}
        canEdit={mayDo(c, "platforms.create")}
        form={options.form ?? EMPTY_FORM}
        errors={options.errors}
        errorMessage={options.errorMessage}
      />,
      options.status ?? 200,
    );
  };

  router.get("/admin/platforms", authorize("platforms.list"), (c) => listPage(c));

  router.post("/admin/platforms", authorize("platforms.create"), async (c) => {
    const parsed = await parseForm(c, PlatformForm);
    if (!parsed.ok) return parsed.response;
    const values = valuesOf(parsed.value);
    const result = await createPlatform(identityContext(c, deps), signedIn(c), values);
    if (result.ok) return c.redirect(`/admin/platforms/${result.value.id}?saved=1`, 303);
    const error = result.error;
    if (error.kind === "invalid")
      return listPage(c, { form: values, errors: fieldErrors(c, error.problems), status: 400 });
    if (error.kind === "conflict")
      return listPage(c, { form: values, errorMessage: c.get("t")(`identity.conflict.${error.reason}`), status: 409 });
    return identityProblem(c, error);
  });

  const editPage = async (
    c: Context<TenantEnv>,
    id: string,
    options: {
      form?: PlatformFormValues;
      errors?: FieldErrorView[];
      errorsFor?: "details" | "status";
      notice?: string;
      status?: 200 | 400;
    } = {},
  ) => {
    const found = await getPlatform(identityContext(c, deps), id);
    if (found === undefined) return identityProblem(c, { kind: "not-found" });
    const platform = view(c, found.platform);
    return renderPage(
      c,
      <PlatformEditPage
        frame={pageFrame(c, "/admin/platforms")}
        platform={platform}
        history={found.history}
        form={options.form ?? { ...platform, reason: "" }}
        errors={options.errors}
        errorsFor={options.errorsFor}
        notice={options.notice}
      />,
      options.status ?? 200,
    );
  };

  router.get("/admin/platforms/:id", authorize("platforms.update"), (c) =>
    editPage(c, c.req.param("id"), c.req.query("saved") ? { notice: c.get("t")("identity.platforms.saved") } : {}),
  );

  router.post("/admin/platforms/:id", authorize("platforms.update"), async (c) => {
    const parsed = await parseForm(c, PlatformForm);
    if (!parsed.ok) return parsed.response;
    const values = valuesOf(parsed.value);
    const id = c.req.param("id");
    const result = await updatePlatform(identityContext(c, deps), signedIn(c), id, {
      names: values.names,
      joinedOn: values.joinedOn,
      contact: values.contact,
    });
    if (result.ok) return c.redirect(`/admin/platforms/${id}?saved=1`, 303);
    if (result.error.kind !== "invalid") return identityProblem(c, result.error);
    return editPage(c, id, {
      form: values,
      errors: fieldErrors(c, result.error.problems),
      errorsFor: "details",
      status: 400,
    });
  });

  router.post("/admin/platforms/:id/status", authorize("platforms.update"), async (c) => {
    const parsed = await parseForm(c, StatusForm);
    if (!parsed.ok) return parsed.response;
    const form = parsed.value;
    const id = c.req.param("id");
    const result = await updatePlatform(identityContext(c, deps), signedIn(c), id, {
      status: statusOf(form.status),
      reason: form.reason,
    });
    if (result.ok) return c.redirect(`/admin/platforms/${id}?saved=1`, 303);
    if (result.error.kind !== "invalid") return identityProblem(c, result.error);
    return editPage(c, id, { errors: fieldErrors(c, result.error.problems), errorsFor: "status", status: 400 });
  });

  router.get("/admin/audit", authorize("audit.read"), async (c) => {
    const limit = 100;
    const events = await createAuditRepo(deps.db, c.get("tenant").id).list({
      limit,
      before: parseCursor(c.req.query("before")),
    });
    const last = events.at(-1);
    const olderHref =
      events.length === limit && last ? `/admin/audit?before=${encodeURIComponent(cursorOf(last))}` : null;
    return renderPage(c, <AuditPage frame={pageFrame(c, "/admin/audit")} events={events} olderHref={olderHref} />);
  });
}
