import { err, ok, type Result } from "@dynamo/core";
import { type Operation, touchedArticles } from "./text.ts";

/**
 * Where an amendment is. Any member proposes one (draft → submitted); the IPG secretariat finds
 * it admissible or not (with a reason), schedules it (its IPG ballot opens); the ballot's closing
 * adopts or rejects it; the secretariat applies an adopted one (the next version). The author
 * withdraws it until it is scheduled.
 */
export const AMENDMENT_STATES = [
  "draft",
  "submitted",
  "admissible",
  "not-admissible",
  "scheduled",
  "adopted",
  "rejected",
  "applied",
  "withdrawn",
] as const;
export type AmendmentState = (typeof AMENDMENT_STATES)[number];

/** The states in which an amendment still competes for the text: two of them on one article conflict. */
export const OPEN_STATES: readonly AmendmentState[] = ["submitted", "admissible", "scheduled", "adopted"];

export interface Amendment {
  id: string;
  textKey: string;
  /** The version number it amends. */
  baseVersion: number;
  operations: Operation[];
  rationale: string;
  state: AmendmentState;
  /** The secretariat's reason (not admissible), or the resolution note of a conflicting adoption. */
  reason: string | null;
  ballotId: string | null;
  /** Who proposed it: a member of a region (the region vouches for them). */
  author: { personId: string; name: string; regionCode: string };
  revision: number;
}

/** Who asks for a transition. */
export type Asker = { kind: "author" } | { kind: "secretariat" } | { kind: "other" };

export type AmendmentRefusal =
  | { kind: "not-author" }
  | { kind: "not-secretariat" }
  | { kind: "wrong-state"; state: AmendmentState; wanted: string }
  | { kind: "reason-required" }
  | { kind: "stale"; baseVersion: number; currentVersion: number }
  | { kind: "not-stale" }
  | { kind: "rationale-required" };

export const isStale = (amendment: Pick<Amendment, "baseVersion">, currentVersion: number) =>
  amendment.baseVersion < currentVersion;

const wrong = (state: AmendmentState, wanted: string): Result<never, AmendmentRefusal> =>
  err({ kind: "wrong-state", state, wanted });

export function submit(amendment: Amendment, asker: Asker): Result<Amendment, AmendmentRefusal> {
  if (asker.kind !== "author") return err({ kind: "not-author" });
  if (amendment.state !== "draft") return wrong(amendment.state, "submit");
  if (amendment.rationale.trim() === "") return err({ kind: "rationale-required" });
  return ok({ ...amendment, state: "submitted" });
}

export function withdraw(amendment: Amendment, asker: Asker): Result<Amendment, AmendmentRefusal> {
  if (asker.kind !== "author") return err({ kind: "not-author" });
  if (!["draft", "submitted", "admissible", "not-admissible"].includes(amendment.state))
    return wrong(amendment.state, "withdraw");
  return ok({ ...amendment, state: "withdrawn" });
}

export function decideAdmissibility(
  amendment: Amendment,
  asker: Asker,
  decision: { admissible: boolean; reason: string },
): Result<Amendment, AmendmentRefusal> {
  if (asker.kind !== "secretariat") return err({ kind: "not-secretariat" });
  if (amendment.state !== "submitted") return wrong(amendment.state, "decide");
  const reason = decision.reason.trim();
  if (!decision.admissible && reason === "") return err({ kind: "reason-required" });
  return ok({
    ...amendment,
    state: decision.admissible ? "admissible" : "not-admissible",
    reason: reason === "" ? null : reason,
  });
}

/** Scheduling puts it to an IPG ballot: only an admissible amendment on the version in force. */
export function schedule(
  amendment: Amendment,
  asker: Asker,
  currentVersion: number,
  ballotId: string,
): Result<Amendment, AmendmentRefusal> {
  if (asker.kind !== "secretariat") return err({ kind: "not-secretariat" });
  if (amendment.state !== "admissible") return wrong(amendment.state, "schedule");
  if (isStale(amendment, currentVersion))
    return err({ kind: "stale", baseVersion: amendment.baseVersion, currentVersion });
  return ok({ ...amendment, state: "scheduled", ballotId });
}

/** The author brings a stale amendment onto the version in force, with the wording they now want. */
export function rebase(
  amendment: Amendment,
  asker: Asker,
  currentVersion: number,
  operations: Operation[],
): Result<Amendment, AmendmentRefusal> {
  if (asker.kind !== "author") return err({ kind: "not-author" });
  if (!["submitted", "admissible"].includes(amendment.state)) return wrong(amendment.state, "rebase");
  if (!isStale(amendment, currentVersion)) return err({ kind: "not-stale" });
  return ok({ ...amendment, baseVersion: currentVersion, operations, revision: amendment.revision + 1 });
}

/**
 * The ballot's outcome. Idempotent: the same outcome told twice changes nothing the second time
 * (`changed: false`); an amendment not scheduled on that ballot is left alone.
 */
export function recordOutcome(
  amendment: Amendment,
  ballotId: string,
  outcome: "adopted" | "rejected" | "no-quorum",
): { amendment: Amendment; changed: boolean } {
  if (amendment.ballotId !== ballotId || amendment.state !== "scheduled") return { amendment, changed: false };
  return { amendment: { ...amendment, state: outcome === "adopted" ? "adopted" : "rejected" }, changed: true };
}

/**
 * Applying makes the next version. An adopted amendment whose base was superseded (another one
 * applied since) never merges silently: the secretariat gives the wording (a resolution, recorded).
 */
export function apply(
  amendment: Amendment,
  asker: Asker,
  currentVersion: number,
  resolution: { operations: Operation[]; note: string } | undefined,
): Result<{ amendment: Amendment; operations: Operation[] }, AmendmentRefusal> {
  if (asker.kind !== "secretariat") return err({ kind: "not-secretariat" });
  if (amendment.state !== "adopted") return wrong(amendment.state, "apply");
  if (isStale(amendment, currentVersion)) {
    if (resolution === undefined || resolution.note.trim() === "")
      return err({ kind: "stale", baseVersion: amendment.baseVersion, currentVersion });
    return ok({
      amendment: { ...amendment, state: "applied", reason: resolution.note.trim() },
      operations: resolution.operations,
    });
  }
  return ok({ amendment: { ...amendment, state: "applied" }, operations: amendment.operations });
}

/** For each open amendment, the other open amendments of the same text touching one of its articles. */
export function conflicts(amendments: readonly Amendment[]): Map<string, string[]> {
  const open = amendments.filter((a) => OPEN_STATES.includes(a.state));
  const out = new Map<string, string[]>();
  for (const a of open) {
    const mine = new Set(a.operations.flatMap(touchedArticles));
    const others = open
      .filter((b) => b.id !== a.id && b.textKey === a.textKey)
      .filter((b) => b.operations.flatMap(touchedArticles).some((id) => mine.has(id)))
      .map((b) => b.id);
    if (others.length > 0) out.set(a.id, others);
  }
  return out;
}
