import type { Locale, PlatformId, RegionCode } from "@dynamo/core";
import type { ReportState, SectionContent, SectionId, SynthesisStatement } from "./report.ts";

/**
 * Who acts on a report. The roles are those of the identity area, reduced to the three the
 * workflow knows; the caller has already checked the person holds the role on their tenant.
 */
export type ReportActor =
  | { id: string; role: "platform_representative"; platformId: PlatformId }
  | { id: string; role: "regional_coordinator"; region: RegionCode }
  | { id: string; role: "technical_team" };

export type ReportRole = ReportActor["role"];

export interface SectionRequest {
  sectionId: SectionId;
  /** null: the coordination's own section, written by the coordinator. */
  platformId: PlatformId | null;
  locale: Locale;
  /** When the platform must submit; defaults to the report's due date. */
  dueDate?: Date;
}

export type ReportAction =
  | { kind: "request-sections"; sections: readonly SectionRequest[] }
  | { kind: "save-section"; sectionId: SectionId; content: SectionContent }
  | { kind: "submit-section"; sectionId: SectionId }
  | { kind: "return-section"; sectionId: SectionId; reason: string }
  | { kind: "write-synthesis"; locale: Locale; statements: readonly SynthesisStatement[] }
  | { kind: "approve" }
  | { kind: "submit-to-hub" }
  | { kind: "acknowledge" }
  | { kind: "send-back"; reasons: readonly string[] }
  | { kind: "review-public-edition" }
  | { kind: "publish" }
  | { kind: "reopen"; reason: string };

export type ReportActionKind = ReportAction["kind"];

/** Why an action was refused. Nothing changes when one is returned. */
export type ReportRefusal =
  | { kind: "forbidden"; action: ReportActionKind; role: ReportRole }
  | { kind: "not-allowed-in-state"; action: ReportActionKind; state: ReportState }
  | { kind: "unknown-section"; sectionId: SectionId }
  | { kind: "section-exists"; platformId: PlatformId | null }
  | { kind: "section-locked"; sectionId: SectionId }
  | { kind: "incomplete-section"; sectionId: SectionId; missingFields: readonly string[] }
  | { kind: "missing-sections"; sectionIds: readonly SectionId[] }
  | { kind: "section-not-submitted"; sectionId: SectionId }
  | { kind: "missing-synthesis" }
  | { kind: "unlinked-statement"; statementIndex: number; sectionId: SectionId | null }
  | { kind: "reason-required" }
  | { kind: "review-required" };

/** Who may take each action. Region and platform are checked against the report and section too. */
export const ACTION_ROLES: Record<ReportActionKind, readonly ReportRole[]> = {
  "request-sections": ["regional_coordinator"],
  "save-section": ["platform_representative", "regional_coordinator"],
  "submit-section": ["platform_representative", "regional_coordinator"],
  "return-section": ["regional_coordinator"],
  "write-synthesis": ["regional_coordinator"],
  approve: ["regional_coordinator"],
  "submit-to-hub": ["regional_coordinator"],
  acknowledge: ["technical_team"],
  "send-back": ["technical_team"],
  "review-public-edition": ["technical_team"],
  publish: ["technical_team"],
  reopen: ["regional_coordinator"],
};

/** The states each action may be taken in. */
export const ACTION_STATES: Record<ReportActionKind, readonly ReportState[]> = {
  "request-sections": ["draft", "collecting", "synthesis", "revising"],
  // A section exists from `collecting` on; past the editable states the refusal is `section-locked`.
  "save-section": ["collecting", "synthesis", "approved", "submitted", "acknowledged", "published", "revising"],
  "submit-section": ["collecting", "synthesis", "approved", "submitted", "acknowledged", "published", "revising"],
  "return-section": ["collecting", "synthesis", "revising"],
  "write-synthesis": ["collecting", "synthesis", "revising"],
  approve: ["collecting", "synthesis", "revising"],
  "submit-to-hub": ["approved"],
  acknowledge: ["submitted"],
  "send-back": ["submitted", "acknowledged"],
  "review-public-edition": ["acknowledged"],
  publish: ["acknowledged"],
  reopen: ["acknowledged", "published"],
};
