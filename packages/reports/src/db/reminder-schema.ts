import { at, tenantId } from "@dynamo/db/schema";
import { people } from "@dynamo/identity/schema";
import { sql } from "drizzle-orm";
import { check, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export type ReminderMailSubject = "report" | "section";
export type ReminderMailLevel = "upcoming" | "soon" | "due" | "overdue";

/**
 * Reminder emails, one row per person, report or section, and escalation level: the unique key
 * is what keeps a reminder from being sent twice, across restarts and by several processes
 * sharing the database. A process claims a row (a lease) before it talks to the SMTP relay,
 * marks it sent after; a failed attempt frees the row for a later run.
 */
export const reminderMails = pgTable(
  "mail_reminders",
  {
    id: uuid("id").primaryKey(),
    tenantId: tenantId(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    subject: text("subject").$type<ReminderMailSubject>().notNull(),
    /** The report's id, or the section's. */
    subjectId: text("subject_id").notNull(),
    reportId: uuid("report_id").notNull(),
    level: text("level").$type<ReminderMailLevel>().notNull(),
    dueDate: at("due_date").notNull(),
    /** Until when the process that claimed the row may be sending it; null when nobody is. */
    leaseUntil: at("lease_until"),
    attempts: integer("attempts").notNull().default(0),
    /** The SMTP relay's answer to the last failed attempt (never a password). */
    lastError: text("last_error"),
    createdAt: at("created_at").notNull(),
    sentAt: at("sent_at"),
  },
  (t) => [
    uniqueIndex("mail_reminders_once_key").on(t.tenantId, t.personId, t.subjectId, t.level),
    check("mail_reminders_subject_check", sql`${t.subject} in ('report', 'section')`),
    check("mail_reminders_level_check", sql`${t.level} in ('upcoming', 'soon', 'due', 'overdue')`),
  ],
);
