import type { TenantId } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { and, asc, eq, isNull, lte, or, sql } from "drizzle-orm";
import { type ReminderMailLevel, type ReminderMailSubject, reminderMails } from "./reminder-schema.ts";

/** One reminder email: to whom, about which report or section, at which level. */
export interface ReminderMailKey {
  personId: string;
  subject: ReminderMailSubject;
  subjectId: string;
  reportId: string;
  level: ReminderMailLevel;
  dueDate: Date;
}

export interface RecordedReminderMail extends ReminderMailKey {
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
}

export interface ClaimedReminderMail {
  id: string;
  /** This attempt's number, from 1. */
  attempt: number;
}

/**
 * Reminder emails of one tenant. A reminder is sent once: claim() takes it (a lease) only when
 * it was never sent and nobody holds it, in one statement, so two processes on one database
 * never both get it; markSent() settles it; markFailed() frees it for a later run.
 */
export function createReminderMailRepo(db: DbOrTx, tenantId: TenantId) {
  const keyOf = (key: Pick<ReminderMailKey, "personId" | "subjectId" | "level">) =>
    and(
      eq(reminderMails.tenantId, tenantId),
      eq(reminderMails.personId, key.personId),
      eq(reminderMails.subjectId, key.subjectId),
      eq(reminderMails.level, key.level),
    );

  return {
    async claim(
      key: ReminderMailKey,
      options: { id: string; now: Date; leaseMs: number },
    ): Promise<ClaimedReminderMail | undefined> {
      await db
        .insert(reminderMails)
        .values({ ...key, id: options.id, tenantId, createdAt: options.now })
        .onConflictDoNothing({
          target: [reminderMails.tenantId, reminderMails.personId, reminderMails.subjectId, reminderMails.level],
        });
      const [claimed] = await db
        .update(reminderMails)
        .set({
          leaseUntil: new Date(options.now.getTime() + options.leaseMs),
          attempts: sql`${reminderMails.attempts} + 1`,
        })
        .where(
          and(
            keyOf(key),
            isNull(reminderMails.sentAt),
            or(isNull(reminderMails.leaseUntil), lte(reminderMails.leaseUntil, options.now)),
          ),
        )
        .returning({ id: reminderMails.id, attempt: reminderMails.attempts });
      return claimed;
    },

    async markSent(id: string, now: Date): Promise<void> {
      await db
        .update(reminderMails)
        .set({ sentAt: now, leaseUntil: null, lastError: null })
        .where(and(eq(reminderMails.tenantId, tenantId), eq(reminderMails.id, id)));
    },

    /** The attempt failed: the row is free again for the next run (which retries it while its level holds). */
    async markFailed(id: string, error: string): Promise<void> {
      await db
        .update(reminderMails)
        .set({ leaseUntil: null, lastError: error.slice(0, 1000) })
        .where(and(eq(reminderMails.tenantId, tenantId), eq(reminderMails.id, id), isNull(reminderMails.sentAt)));
    },

    /** What was recorded, oldest first: for an admin's look, and tests. */
    async list(): Promise<RecordedReminderMail[]> {
      const rows = await db
        .select()
        .from(reminderMails)
        .where(eq(reminderMails.tenantId, tenantId))
        .orderBy(asc(reminderMails.createdAt), asc(reminderMails.id));
      return rows.map((row) => ({
        personId: row.personId,
        subject: row.subject,
        subjectId: row.subjectId,
        reportId: row.reportId,
        level: row.level,
        dueDate: row.dueDate,
        attempts: row.attempts,
        lastError: row.lastError,
        sentAt: row.sentAt,
      }));
    },
  };
}

export type ReminderMailRepo = ReturnType<typeof createReminderMailRepo>;
