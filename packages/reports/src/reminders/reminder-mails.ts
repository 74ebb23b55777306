import type { Person, Tenant } from "@dynamo/core";
import { createTenantRepo, type Db } from "@dynamo/db";
import { createPeopleRepo } from "@dynamo/identity";
import type { Mailer } from "@dynamo/mail";
import type { Logger } from "@logtape/logtape";
import { createReminderMailRepo } from "../db/reminder-mails.ts";
import { type PersonReminder, regionReports, remindersOf } from "../reminders.ts";
import { reminderMessage } from "./reminder-message.ts";

export interface ReminderMailsDeps {
  db: Db;
  mailer: Mailer;
  clock: () => Date;
  newId: () => string;
  /** The node's PUBLIC_URL: its scheme (and port, on its own host) make the links absolute. */
  publicUrl: string;
}

export interface ReminderRunSummary {
  sent: number;
  failed: number;
}

/**
 * How long a process may take to send one email before another may try it again. Only a
 * process that dies between the relay's "OK" and marking the row sent lets a reminder go twice.
 */
const LEASE_MS = 10 * 60_000;

/**
 * One pass over every region tenant of the node: each active person gets an email for each
 * reminder their home page shows, once per report or section and level (a reminder that
 * escalates mails again; one that was already sent at its level never does). A failed email is
 * logged as a warning and tried again on a later pass, as long as its level holds.
 */
export async function sendDueReminders(deps: ReminderMailsDeps, logger: Logger): Promise<ReminderRunSummary> {
  const summary: ReminderRunSummary = { sent: 0, failed: 0 };
  const tenants = (await createTenantRepo(deps.db).list()).filter((t) => t.kind === "region");
  for (const tenant of tenants) {
    const reports = await regionReports(deps.db, tenant);
    if (reports.length === 0) continue;
    const people = (await createPeopleRepo(deps.db, tenant.id).list()).filter((p) => p.status === "active");
    for (const person of people) {
      for (const reminder of remindersOf(person, reports, deps.clock())) {
        const outcome = await sendReminder(deps, logger, tenant, person, reminder);
        if (outcome !== "skipped") summary[outcome] += 1;
      }
    }
  }
  return summary;
}

async function sendReminder(
  deps: ReminderMailsDeps,
  logger: Logger,
  tenant: Tenant,
  person: Person,
  reminder: PersonReminder,
): Promise<"sent" | "failed" | "skipped"> {
  const repo = createReminderMailRepo(deps.db, tenant.id);
  const claimed = await repo.claim(
    {
      personId: person.id,
      subject: reminder.section === undefined ? "report" : "section",
      subjectId: reminder.section?.id ?? reminder.report.id,
      reportId: reminder.report.id,
      level: reminder.level,
      dueDate: reminder.dueDate,
    },
    { id: deps.newId(), now: deps.clock(), leaseMs: LEASE_MS },
  );
  if (claimed === undefined) return "skipped";
  const message = reminderMessage(person, reminder, tenant, deps.publicUrl);
  const result = await deps.mailer.send(message);
  const context = {
    tenant: tenant.slug,
    personId: person.id,
    path: reminder.path,
    level: reminder.level,
    attempt: claimed.attempt,
  };
  if (result.ok) {
    await repo.markSent(claimed.id, deps.clock());
    logger.info("reminder email sent to person {personId} on {tenant}: {path} ({level})", context);
    return "sent";
  }
  await repo.markFailed(claimed.id, `${result.error.kind}: ${result.error.detail}`);
  logger.warn(
    "reminder email to person {personId} <{address}> on {tenant} not sent through {relay} ({kind}: {detail}); tried again on the next run",
    {
      ...context,
      address: person.email,
      relay: deps.mailer.relay,
      kind: result.error.kind,
      detail: result.error.detail,
    },
  );
  return "failed";
}

export interface ReminderMailsWorker {
  /** One pass now (tests call it after moving the clock); passes never overlap. */
  runOnce(): Promise<ReminderRunSummary>;
  stop(): Promise<void>;
}

/**
 * Sends the reminder emails every `intervalMs` (hourly in production), and once at start so a
 * node that was down catches up. Everything it knows is in the database: a restart, or several
 * processes on one database, never mail a reminder twice.
 */
export function startReminderMails(
  deps: ReminderMailsDeps,
  logger: Logger,
  options: { intervalMs: number },
): ReminderMailsWorker {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const runOnce = (): Promise<ReminderRunSummary> => {
    const pass = running.then(() => sendDueReminders(deps, logger));
    running = pass.catch((error) => {
      if (!stopped) logger.error("the reminder emails failed: {error}", { error });
    });
    return pass;
  };
  const tick = () => {
    if (!stopped) void runOnce().catch(() => {});
  };
  const timer = setInterval(tick, options.intervalMs);
  timer.unref?.();
  tick();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
