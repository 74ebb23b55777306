import { type Person, pickLocalized } from "@dynamo/core";
import type { AuditEvent } from "@dynamo/db";
import type { FieldErrorView, MessageKey, Translator } from "@dynamo/ui";
import { type FieldError, problem, requestHost, type TenantEnv } from "@dynamo/web";
import type { Context } from "hono";
import type { IdentityDeps } from "../deps.ts";
import type { Platform, PlatformStatusChange } from "../domain/platform.ts";
import { platformVotes } from "../domain/platform.ts";
import type { FieldProblem, IdentityError } from "../services/errors.ts";
import { emailLink } from "../services/link-mail.ts";

/** The problems of a form's fields, for its page. */
export function fieldErrors(c: Context<TenantEnv>, problems: readonly FieldProblem[]): FieldErrorView[] {
  return problems.map((p) => ({ field: p.field, message: fieldMessage(c.get("t"), p) }));
}

/** A field problem in the reader's language. */
export function fieldMessage(t: Translator, problem: FieldProblem): string {
  return t(`identity.error.${problem.code}` as MessageKey, problem.params);
}

export function toFieldErrors(t: Translator, problems: readonly FieldProblem[]): FieldError[] {
  return problems.map((p) => ({
    field: p.field,
    pointer: `/${p.field.replaceAll(".", "/")}`,
    code: p.code,
    message: fieldMessage(t, p),
  }));
}

/** The one mapping from an identity failure to its problem. */
export function identityProblem(c: Context<TenantEnv>, error: IdentityError): Response {
  const { t } = c.var;
  switch (error.kind) {
    case "invalid-credentials":
      return problem(c, "invalid-credentials");
    case "account-disabled":
      return problem(c, "account-disabled");
    case "rate-limited":
      return problem(c, "rate-limited", {
        params: { seconds: error.retryAfterSeconds },
        headers: { "Retry-After": String(error.retryAfterSeconds) },
        extensions: { retryAfter: error.retryAfterSeconds },
      });
    case "invalid":
      return problem(c, "validation", { errors: toFieldErrors(t, error.problems) });
    case "conflict":
      return problem(c, "conflict", {
        detail: t(`identity.conflict.${error.reason}` as MessageKey),
        extensions: { reason: error.reason },
      });
    case "not-found":
      return problem(c, "not-found");
    case "forbidden-role":
      return problem(c, "forbidden", { detail: t("identity.error.forbidden-role") });
    case "link-unknown":
      return problem(c, "link-unknown");
    case "link-expired":
      return problem(c, "link-expired");
    case "link-used":
      return problem(c, "link-used");
  }
}

export const personJson = (person: Person) => ({
  id: person.id,
  email: person.email,
  displayName: person.displayName,
  locale: person.locale,
  roles: person.roles,
  platformId: person.platformId,
  platformSeat: person.platformSeat,
  status: person.status,
  createdAt: person.createdAt.toISOString(),
});

export const platformJson = (platform: Platform, locale: Parameters<typeof pickLocalized>[1]) => ({
  id: platform.id,
  countryCode: platform.countryCode,
  names: platform.names,
  name: pickLocalized(platform.names, locale) ?? platform.countryCode,
  status: platform.status,
  votes: platformVotes(platform),
  joinedOn: platform.joinedOn,
  contact: platform.contact,
  updatedAt: platform.updatedAt.toISOString(),
});

export const statusChangeJson = (change: PlatformStatusChange) => ({
  from: change.from,
  to: change.to,
  reason: change.reason,
  changedBy: change.changedBy,
  changedByName: change.changedByName,
  changedAt: change.changedAt.toISOString(),
});

export const auditEventJson = (event: AuditEvent) => ({ ...event, at: event.at.toISOString() });

/**
 * The link given to an invited person or for a reset, on the tenant's own configured host (its
 * first), never on the Host the request named: a request with a forged Host (or port) must not
 * send a person's token elsewhere.
 */
export function linkUrl(
  c: Context<TenantEnv>,
  deps: Pick<IdentityDeps, "publicScheme" | "trustProxy">,
  path: string,
  token: string,
): string {
  const host = c.get("tenant").hosts[0] ?? requestHost(c, deps.trustProxy);
  return `${deps.publicScheme}://${host}${path}?token=${encodeURIComponent(token)}`;
}

/**
 * The URL of a link just issued to a person, for whoever issued it to pass on; with SMTP
 * settings it is also emailed to the person, in their language.
 */
export function issuedLinkUrl(
  c: Context<TenantEnv>,
  deps: Pick<IdentityDeps, "publicScheme" | "trustProxy" | "mailer">,
  person: Person,
  path: "/invitation" | "/password-reset",
  link: { token: string; expiresAt: Date },
): string {
  const url = linkUrl(c, deps, path, link.token);
  const purpose = path === "/invitation" ? "invitation" : "password-reset";
  void emailLink(deps.mailer, c.get("logger"), c.get("tenant"), person, purpose, { url, expiresAt: link.expiresAt });
  return url;
}
