import { defineDocumentType } from "@dynamo/federation";
import { z } from "@hono/zod-openapi";
import { ReportWireSchema } from "./report-schema.ts";

/**
 * What the reports area sends between nodes. Each message is a JSON document signed by the
 * sending tenant's actor (a Data Integrity proof, see proof.ts), carried inside a signed
 * ActivityPub activity. `actor` names the sender; the proof's key must belong to it.
 *
 * - submission: a region's report, one revision, to the hub;
 * - decision: the hub's signed receipt (acknowledged) or send-back with reasons, to the region;
 * - publication: a report the hub published, in its public edition, to every region.
 */
export const REPORTS_CONTEXT = "https://dynamo.network/ns/reports/v1";

const ProofSchema = z.object({
  type: z.literal("DataIntegrityProof"),
  cryptosuite: z.literal("eddsa-jcs-2022"),
  verificationMethod: z.string().url(),
  proofPurpose: z.literal("assertionMethod"),
  created: z.string().datetime({ offset: true }),
  proofValue: z.string().min(2).max(200),
});

/** The platforms a report's sections name: a report travels with its platforms' names. */
export const PlatformDirectorySchema = z.record(
  z.string().max(200),
  z.object({ countryCode: z.string().max(3), names: z.record(z.string().max(5), z.string().max(200)) }),
);
export type PlatformDirectory = z.infer<typeof PlatformDirectorySchema>;

const base = {
  "@context": z.literal(REPORTS_CONTEXT),
  id: z.string().url(),
  actor: z.string().url(),
  proof: ProofSchema,
};

export const SubmissionMessageSchema = z.object({
  ...base,
  type: z.literal("ReportSubmission"),
  signedAt: z.string().datetime({ offset: true }),
  report: ReportWireSchema,
  platforms: PlatformDirectorySchema,
});

export const DecisionMessageSchema = z.object({
  ...base,
  type: z.literal("ReportDecision"),
  reportId: z.string().uuid(),
  revision: z.number().int().min(1),
  decision: z.enum(["acknowledged", "sent-back"]),
  reasons: z.array(z.string().max(2000)).max(50),
  decidedAt: z.string().datetime({ offset: true }),
});

export const PublicationMessageSchema = z.object({
  ...base,
  type: z.literal("ReportPublication"),
  publishedAt: z.string().datetime({ offset: true }),
  report: ReportWireSchema,
  platforms: PlatformDirectorySchema,
});

export const ReportMessageSchema = z.discriminatedUnion("type", [
  SubmissionMessageSchema,
  DecisionMessageSchema,
  PublicationMessageSchema,
]);

export type SubmissionMessage = z.infer<typeof SubmissionMessageSchema>;
export type DecisionMessage = z.infer<typeof DecisionMessageSchema>;
export type PublicationMessage = z.infer<typeof PublicationMessageSchema>;
export type ReportMessage = z.infer<typeof ReportMessageSchema>;
export type UnsignedMessage<M extends ReportMessage> = Omit<M, "proof">;

/**
 * The reports' media type: a region's signed report, the hub's signed receipt or send-back, the
 * hub's publication, each one JSON document carried as the content of a Document.
 */
export const REPORT_MEDIA_TYPE = "application/vnd.dynamo.report+json";

/** The reports' signed document type: every kind carries a proof made by its sender's actor. */
export const ReportDocuments = defineDocumentType({
  mediaType: REPORT_MEDIA_TYPE,
  kindField: "type",
  kinds: {
    ReportSubmission: { schema: SubmissionMessageSchema, signed: true },
    ReportDecision: { schema: DecisionMessageSchema, signed: true },
    ReportPublication: { schema: PublicationMessageSchema, signed: true },
  },
});
