import { LOCALES, REGION_CODES } from "@dynamo/core";
import { z } from "@hono/zod-openapi";
import { ACTIVITY_KINDS, REPORT_KINDS, REPORT_STATES, SECTION_STATUSES } from "../domain/report.ts";

/**
 * The shape of a report as it travels between nodes (and as the API returns it): the domain's
 * aggregate in JSON, instants as ISO 8601 text. A peer's payload is checked against this before
 * anything else reads it; unknown members are dropped.
 */
const instant = z.string().datetime({ offset: true });
const id = z.string().min(1).max(200);
const shortText = z.string().max(2000);
const longText = z.string().max(50_000);

export const SectionTextSchema = z.object({ text: longText, sensitive: z.boolean() });

export const IndicatorValueSchema = z.object({
  key: z.string().min(1).max(100),
  version: z.number().int().min(1),
  total: z.number().finite(),
  byCategory: z.record(z.string().max(50), z.number().finite()).optional(),
});

export const ActivitySchema = z.object({
  kind: z.enum(ACTIVITY_KINDS),
  title: z.string().min(1).max(300),
  startedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  participants: z.number().int().min(0).nullable(),
  description: z.string().max(10_000),
});

export const SectionContentSchema = z.object({
  texts: z.record(z.string().max(50), SectionTextSchema),
  indicators: z.array(IndicatorValueSchema).max(200),
  activities: z.array(ActivitySchema).max(500),
});

const SectionSchema = z.object({
  id,
  platformId: id.nullable(),
  locale: z.enum(LOCALES),
  dueDate: instant,
  status: z.enum(SECTION_STATUSES),
  content: SectionContentSchema,
  submittedAt: instant.nullable(),
  firstSubmittedAt: instant.nullable(),
  returnReason: shortText.nullable(),
});

export const StatementSchema = z.object({
  text: z.string().min(1).max(10_000),
  sourceSectionIds: z.array(id).max(100),
  sensitive: z.boolean(),
});

const SynthesisSchema = z.object({
  locale: z.enum(LOCALES),
  statements: z.array(StatementSchema).max(500),
  writtenAt: instant,
});

const RevisionSchema = z.object({
  revision: z.number().int().min(1),
  submittedAt: instant,
  submittedBy: id,
  sections: z.array(SectionSchema).max(200),
  synthesis: SynthesisSchema.nullable(),
  acknowledgedAt: instant.nullable(),
  sentBack: z.object({ at: instant, reasons: z.array(shortText) }).nullable(),
  reopened: z.object({ at: instant, reason: shortText }).nullable(),
});

const EventSchema = z.object({
  action: z.string().max(50),
  actorId: id,
  role: z.string().max(50),
  at: instant,
  revision: z.number().int().min(1),
  sectionId: id.nullable(),
  reason: shortText.nullable(),
});

export const ReportWireSchema = z
  .object({
    id: z.string().uuid(),
    kind: z.enum(REPORT_KINDS),
    region: z.enum(REGION_CODES),
    cycle: z.string().regex(/^\d{4}(-\d{4})?$/),
    dueDate: instant,
    state: z.enum(REPORT_STATES),
    revision: z.number().int().min(1),
    sections: z.array(SectionSchema).max(200),
    synthesis: SynthesisSchema.nullable(),
    approvedAt: instant.nullable(),
    firstSubmittedAt: instant.nullable(),
    publicReview: z.object({ by: id, at: instant, revision: z.number().int().min(1) }).nullable(),
    publishedAt: instant.nullable(),
    history: z.array(RevisionSchema).max(100),
    events: z.array(EventSchema).max(5000),
  })
  .openapi("Report");

export type ReportWire = z.infer<typeof ReportWireSchema>;
