import { defineDocumentType } from "@dynamo/federation";
import { z } from "@hono/zod-openapi";
import { AMENDMENT_STATES } from "./domain/amendment.ts";

/**
 * What the rules of procedure send between nodes, each a JSON document signed by the sending
 * tenant's actor (a Data Integrity proof) inside a signed activity:
 *
 * - AmendmentProposal: a member's amendment (or its rebased revision), region → hub; the region's
 *   actor vouches for its member;
 * - AmendmentWithdrawal: its author withdraws it, region → hub;
 * - AmendmentStatus: the hub's copy of an amendment, after every change, hub → every region;
 * - RulesChain: every version of one text, signed by the hub, hub → every region (a region that
 *   missed one gets the whole chain with the next, or from the hub's outbox when it comes back);
 * - RegionalDraftSubmission: a region's ROI for the IPG, region → hub;
 * - RegionalDraftStatus: where the IPG is with it, hub → its region.
 */
export const PROCEDURE_CONTEXT = "https://dynamo.network/ns/procedure/v1";
export const PROCEDURE_MEDIA_TYPE = "application/vnd.dynamo.procedure+json";

const Proof = z.object({
  type: z.literal("DataIntegrityProof"),
  cryptosuite: z.literal("eddsa-jcs-2022"),
  verificationMethod: z.string().url(),
  proofPurpose: z.literal("assertionMethod"),
  created: z.string().datetime({ offset: true }),
  proofValue: z.string().min(2).max(200),
});

const Id = z.string().min(1).max(200);
const TextKey = z.string().regex(/^(international|region-(AF|AM|AS|EU))$/);
const Wording = z.object({
  fr: z.string().max(20_000).optional(),
  en: z.string().max(20_000).optional(),
  es: z.string().max(20_000).optional(),
  pt: z.string().max(20_000).optional(),
});
const NullableWording = z.object({
  fr: z.string().max(20_000).nullable().optional(),
  en: z.string().max(20_000).nullable().optional(),
  es: z.string().max(20_000).nullable().optional(),
  pt: z.string().max(20_000).nullable().optional(),
});

export const ArticleSchema = z.object({ id: Id, wording: Wording });
export const OperationSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("replace"), articleId: Id, wording: NullableWording }),
  z.object({ op: z.literal("insert"), sectionId: Id, after: Id.nullable(), article: ArticleSchema }),
  z.object({ op: z.literal("delete"), articleId: Id }),
]);
export const RulesTextSchema = z.object({
  title: Wording,
  sections: z.array(z.object({ id: Id, title: Wording, articles: z.array(ArticleSchema).max(500) })).max(100),
});

const Author = z.object({
  personId: z.string().max(200),
  name: z.string().max(200),
  regionCode: z.enum(["AF", "AM", "AS", "EU"]),
});

const base = { "@context": z.literal(PROCEDURE_CONTEXT), id: z.string().url(), actor: z.string().url(), proof: Proof };

export const AmendmentProposalSchema = z.object({
  ...base,
  type: z.literal("AmendmentProposal"),
  amendmentId: z.string().uuid(),
  textKey: TextKey,
  baseVersion: z.number().int().min(1),
  operations: z.array(OperationSchema).min(1).max(50),
  rationale: z.string().min(1).max(20_000),
  author: Author,
  revision: z.number().int().min(1),
  proposedAt: z.string().datetime({ offset: true }),
});

export const AmendmentWithdrawalSchema = z.object({
  ...base,
  type: z.literal("AmendmentWithdrawal"),
  amendmentId: z.string().uuid(),
  authorPersonId: z.string().max(200),
  withdrawnAt: z.string().datetime({ offset: true }),
});

export const AmendmentStatusSchema = z.object({
  ...base,
  type: z.literal("AmendmentStatus"),
  amendmentId: z.string().uuid(),
  textKey: TextKey,
  baseVersion: z.number().int().min(1),
  operations: z.array(OperationSchema).min(1).max(50),
  rationale: z.string().max(20_000),
  author: Author,
  revision: z.number().int().min(1),
  state: z.enum(AMENDMENT_STATES),
  reason: z.string().max(20_000).nullable(),
  ballotId: z.string().max(200).nullable(),
  ballotUri: z.string().url().nullable(),
  appliedVersion: z.number().int().nullable(),
  createdAt: z.string().datetime({ offset: true }),
  updatedAt: z.string().datetime({ offset: true }),
});

export const VersionWireSchema = z.object({
  textKey: TextKey,
  number: z.number().int().min(1),
  text: RulesTextSchema,
  inForceSince: z.string().datetime({ offset: true }).nullable(),
  ballotId: z.string().max(200).nullable(),
  ballotUri: z.string().url().nullable(),
  amendmentIds: z.array(z.string().max(200)).max(100),
  previousHash: z.string().max(128).nullable(),
  hash: z.string().min(1).max(128),
});

export const RulesChainSchema = z.object({
  ...base,
  type: z.literal("RulesChain"),
  textKey: TextKey,
  versions: z.array(VersionWireSchema).min(1).max(1000),
  publishedAt: z.string().datetime({ offset: true }),
});

export const RegionalDraftSubmissionSchema = z.object({
  ...base,
  type: z.literal("RegionalDraftSubmission"),
  textKey: TextKey,
  text: RulesTextSchema,
  submittedAt: z.string().datetime({ offset: true }),
});

export const RegionalDraftStatusSchema = z.object({
  ...base,
  type: z.literal("RegionalDraftStatus"),
  textKey: TextKey,
  state: z.enum(["submitted", "scheduled", "adopted", "rejected"]),
  ballotUri: z.string().url().nullable(),
  at: z.string().datetime({ offset: true }),
});

export type AmendmentProposalMessage = z.infer<typeof AmendmentProposalSchema>;
export type AmendmentWithdrawalMessage = z.infer<typeof AmendmentWithdrawalSchema>;
export type AmendmentStatusMessage = z.infer<typeof AmendmentStatusSchema>;
export type RulesChainMessage = z.infer<typeof RulesChainSchema>;
export type RegionalDraftSubmissionMessage = z.infer<typeof RegionalDraftSubmissionSchema>;
export type RegionalDraftStatusMessage = z.infer<typeof RegionalDraftStatusSchema>;

export const ProcedureDocuments = defineDocumentType({
  mediaType: PROCEDURE_MEDIA_TYPE,
  kindField: "type",
  kinds: {
    AmendmentProposal: { schema: AmendmentProposalSchema, signed: true },
    AmendmentWithdrawal: { schema: AmendmentWithdrawalSchema, signed: true },
    AmendmentStatus: { schema: AmendmentStatusSchema, signed: true },
    RulesChain: { schema: RulesChainSchema, signed: true },
    RegionalDraftSubmission: { schema: RegionalDraftSubmissionSchema, signed: true },
    RegionalDraftStatus: { schema: RegionalDraftStatusSchema, signed: true },
  },
});
