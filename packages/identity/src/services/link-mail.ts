import { dateTimeFormat, type Person, pickLocalized, type Tenant } from "@dynamo/core";
import type { Mailer, MailMessage } from "@dynamo/mail";
import { common, createTranslator, mergeCatalogs } from "@dynamo/ui";
import type { Logger } from "@logtape/logtape";
import { identityMessages } from "../messages.ts";
export type LinkPurpose = "invitation" | "password-reset";

/** The messages an email of the identity area uses. */
const catalogs = mergeCatalogs([common, identityMessages]);

/** An invitation or password-reset link, in the person's language. The link is a secret: it goes to them only. */
export function linkMessage(
  person: Pick<Person, "email" | "displayName" | "locale">,
  purpose: LinkPurpose,
  link: { url: string; expiresAt: Date },
  tenant: Pick<Tenant, "names" | "hosts">,
): MailMessage {
  const t = createTranslator(catalogs, person.locale);
  const site = pickLocalized(tenant.names, person.locale) ?? tenant.hosts[0] ?? "Dynamo";
  const date = dateTimeFormat(person.locale, {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(link.expiresAt);
  const invitation = purpose === "invitation";
  const text = [
    t("mail.greeting", { name: person.displayName }),
    `${t(invitation ? "mail.invitation.body" : "mail.reset.body", { site, date })}\n${link.url}`,
    t("mail.link.ignore"),
  ].join("\n\n");
  return {
    to: person.email,
    subject: t(invitation ? "mail.invitation.subject" : "mail.reset.subject", { site }),
    text: `${text}\n`,
  };
}

/**
 * Emails a link the node just issued, without holding up the response: whoever issued it sees
 * the link as before and can pass it on if the email does not arrive. The log names the person,
 * never the link.
 */
export function emailLink(
  mailer: Mailer | undefined,
  logger: Logger,
  tenant: Pick<Tenant, "slug" | "names" | "hosts">,
  person: Pick<Person, "id" | "email" | "displayName" | "locale">,
  purpose: LinkPurpose,
  link: { url: string; expiresAt: Date },
): Promise<void> | undefined {
  if (mailer === undefined) return undefined;
  const context = { tenant: tenant.slug, personId: person.id, purpose };
  return mailer
    .send(linkMessage(person, purpose, link, tenant))
    .then((result) => {
      if (result.ok) logger.info("{purpose} email sent to person {personId} on {tenant}", context);
      else
        logger.warn(
          "{purpose} email to person {personId} <{address}> on {tenant} not sent through {relay} ({kind}: {detail}); give them the link",
          {
            ...context,
            address: person.email,
            relay: mailer.relay,
            kind: result.error.kind,
            detail: result.error.detail,
          },
        );
    })
    .catch((error) => logger.error("{purpose} email to person {personId} failed: {error}", { ...context, error }));
}

/** Tells a person, in their language, that their account saw repeated failed logins (never from where, never the password). */
export function loginAlertMessage(
  person: Pick<Person, "email" | "displayName" | "locale">,
  failures: number,
  tenant: Pick<Tenant, "names" | "hosts">,
): MailMessage {
  const t = createTranslator(catalogs, person.locale);
  const site = pickLocalized(tenant.names, person.locale) ?? tenant.hosts[0] ?? "Dynamo";
  const text = [t("mail.greeting", { name: person.displayName }), t("mail.loginAlert.body", { failures, site })].join(
    "\n\n",
  );
  return { to: person.email, subject: t("mail.loginAlert.subject", { site }), text: `${text}\n` };
}

/** Emails that alert without holding up the (failed) login's answer; a relay that refuses is logged. */
export function emailLoginAlert(
  mailer: Mailer | undefined,
  logger: Logger,
  tenant: Pick<Tenant, "slug" | "names" | "hosts">,
  person: Pick<Person, "id" | "email" | "displayName" | "locale">,
  failures: number,
): Promise<void> | undefined {
  if (mailer === undefined) return undefined;
  const context = { tenant: tenant.slug, personId: person.id, failures };
  return mailer
    .send(loginAlertMessage(person, failures, tenant))
    .then((result) => {
      if (result.ok) logger.info("told person {personId} on {tenant} of {failures} failed logins", context);
      else
        logger.warn("could not tell person {personId} on {tenant} of {failures} failed logins: {detail}", {
          ...context,
          detail: result.error.detail,
        });
    })
    .catch((error) => logger.error("failed-login alert to person {personId} failed: {error}", { ...context, error }));
}
