import type { ReportState, SectionStatus } from "./report.ts";

/**
 * How insistent a reminder is, escalating as the due date nears:
 *
 * - `none`: nothing is awaited (the report was submitted, or the section is in), or the due
 *   date is more than 30 days away;
 * - `upcoming`: due within 30 days;
 * - `soon`: due within 7 days;
 * - `due`: due within the next 24 hours (the due date is an instant: the end of the due day in
 *   the region's time zone, set by whoever creates the report);
 * - `overdue`: the due date has passed and it is still awaited.
 *
 * A report that was submitted once is never reminded again, even while the region revises it
 * after a send-back: its timeliness was settled by its first submission (timeliness.ts), and
 * the hub's reasons are the reminder. Likewise a section the coordinator returned was already
 * in: past its due date it is reminded as `due` (awaited again), never as `overdue`.
 */
export const REMINDER_LEVELS = ["none", "upcoming", "soon", "due", "overdue"] as const;
export type ReminderLevel = (typeof REMINDER_LEVELS)[number];

const DAY_MS = 24 * 3600 * 1000;

export const REMINDER_THRESHOLDS = {
  upcomingMs: 30 * DAY_MS,
  soonMs: 7 * DAY_MS,
  dueMs: DAY_MS,
} as const;

/** Report states and section statuses in which something is still awaited from someone. */
const AWAITING: readonly (ReportState | SectionStatus)[] = [
  "draft",
  "collecting",
  "synthesis",
  "approved",
  "requested",
  "in-progress",
  "returned",
];

/** Whether something in this state is still awaited from someone (whatever its due date). */
export function isAwaited(state: ReportState | SectionStatus): boolean {
  return AWAITING.includes(state);
}

export function reminderLevel(dueDate: Date, now: Date, state: ReportState | SectionStatus): ReminderLevel {
  if (!AWAITING.includes(state)) return "none";
  const left = dueDate.getTime() - now.getTime();
  if (left < 0) return state === "returned" ? "due" : "overdue";
  if (left <= REMINDER_THRESHOLDS.dueMs) return "due";
  if (left <= REMINDER_THRESHOLDS.soonMs) return "soon";
  if (left <= REMINDER_THRESHOLDS.upcomingMs) return "upcoming";
  return "none";
}
