import { dateTimeFormat, type Person, pickLocalized, type Tenant } from "@dynamo/core";
import type { MailMessage } from "@dynamo/mail";
import { common, createTranslator, type MessageKey, mergeCatalogs } from "@dynamo/ui";
import { reportsMessages } from "../messages.ts";
import { type PersonReminder, reminderTitle } from "../reminders.ts";

/** The messages a reminder email uses. */
const catalogs = mergeCatalogs([common, reportsMessages]);

/** The address of a tenant's pages: its host, on the scheme (and port, for the node's own host) of PUBLIC_URL. */
export function tenantOrigin(tenant: Pick<Tenant, "hosts">, publicUrl: string): string {
  const url = new URL(publicUrl);
  if (tenant.hosts.includes(url.host) || tenant.hosts.length === 0) return url.origin;
  return `${url.protocol}//${tenant.hosts[0]}`;
}

const formatDate = (locale: string, date: Date) =>
  dateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(date);

/**
 * A reminder email in its reader's language (the person's own locale): what is awaited, by
 * when, how urgent it now is, and the absolute link to the page where it is done. Plain text,
 * and the same in simple HTML.
 */
export function reminderMessage(
  person: Pick<Person, "email" | "displayName" | "locale">,
  reminder: PersonReminder,
  tenant: Pick<Tenant, "names" | "hosts">,
  publicUrl: string,
): MailMessage {
  const t = createTranslator(catalogs, person.locale);
  const title = reminderTitle(t, reminder.report);
  const date = formatDate(person.locale, reminder.dueDate);
  const site = pickLocalized(tenant.names, person.locale) ?? tenant.hosts[0] ?? "Dynamo";
  const link = `${tenantOrigin(tenant, publicUrl)}${reminder.path}`;
  const subject = t(`mail.reminder.subject.${reminder.level}` as MessageKey, { title, date });
  const paragraphs = [
    t("mail.greeting", { name: person.displayName }),
    `${t(reminder.section === undefined ? "mail.reminder.awaited.report" : "mail.reminder.awaited.section", { title })} ${t(`mail.reminder.when.${reminder.level}` as MessageKey, { date })}`,
    `${t("mail.reminder.open")}\n${link}`,
    t("mail.reminder.why", { site }),
  ];
  const html = [
    `<!doctype html><html lang="${person.locale}"><body>`,
    ...paragraphs.map((p) =>
      p.includes(link)
        ? `<p>${escapeHtml(p.replace(link, "").trim())}<br><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`
        : `<p>${escapeHtml(p)}</p>`,
    ),
    "</body></html>",
  ].join("\n");
  return { to: person.email, subject, text: `${paragraphs.join("\n\n")}\n`, html };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
