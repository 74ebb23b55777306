import { randomUUID } from "node:crypto";
import type { MailSettings } from "@dynamo/config";
import type { Db } from "@dynamo/db";
import type { TenantKind } from "@dynamo/domain";
import { getLogger } from "@logtape/logtape";
import { createSmtpMailer, type Mailer } from "./mailer.ts";
import { startReminderMails } from "./reminder-mails.ts";

export { emailLink, type LinkPurpose, linkMessage } from "./link-mail.ts";
export {
  createSmtpMailer,
  type Mailer,
  type MailFailure,
  type MailMessage,
  type SendResult,
  type SmtpTimeouts,
} from "./mailer.ts";
export {
  type ReminderMailsDeps,
  type ReminderMailsWorker,
  type ReminderRunSummary,
  sendDueReminders,
  startReminderMails,
} from "./reminder-mails.ts";
export { reminderMessage, tenantOrigin } from "./reminder-message.ts";

const HOUR_MS = 3_600_000;

/**
 * A node's email: without SMTP settings there is none (undefined). A regional node mails the
 * reminders of its region tenants every `intervalMs` (hourly by default). stop() lets the pass
 * in flight finish, then closes the relay's connection.
 */
export function createNodeMail(options: {
  db: Db;
  kind: TenantKind;
  mail: MailSettings | undefined;
  publicUrl: string;
  intervalMs?: number | undefined;
  clock?: (() => Date) | undefined;
}): { mailer: Mailer; start(): { stop(): Promise<void> } } | undefined {
  if (options.mail === undefined) return undefined;
  const mailer = createSmtpMailer(options.mail);
  return {
    mailer,
    start() {
      const reminders =
        options.kind === "region"
          ? startReminderMails(
              {
                db: options.db,
                mailer,
                clock: options.clock ?? (() => new Date()),
                newId: randomUUID,
                publicUrl: options.publicUrl,
              },
              getLogger(["dynamo", "mail"]),
              { intervalMs: options.intervalMs ?? HOUR_MS },
            )
          : undefined;
      return {
        async stop() {
          await reminders?.stop();
          mailer.close();
        },
      };
    },
  };
}
