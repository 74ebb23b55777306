import type { BallotProblem } from "../domain/ballot.ts";
import type { LifecycleProblem } from "../domain/lifecycle.ts";
import type { VoteRefusal } from "../domain/vote.ts";

/** A problem with one field of a ballot draft, for the form or the API's errors[]. */
export interface BallotFieldProblem {
  field: string;
  code: string;
  params?: Record<string, string | number>;
}

/** Every expected failure of the ballots use-cases. */
export type BallotError =
  | { kind: "not-found" }
  | { kind: "invalid"; problems: BallotFieldProblem[] }
  | { kind: "not-draft" }
  | { kind: "already-ended" }
  | { kind: "empty-electorate" }
  | { kind: "roster-conflict"; platformIds: string[] }
  | { kind: "not-peered" }
  | { kind: "ballot-closed" }
  | { kind: "no-seat" }
  | { kind: "not-in-electorate" }
  | { kind: "no-mandate" }
  | { kind: "vote-refused"; refusal: VoteRefusal };

/** A refusal as JSON, as receipts and tables keep it: its kind and its facts, dates as ISO strings. */
export function refusalJson(refusal: { kind: string }): { kind: string } & Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(refusal as Record<string, unknown>).map(([key, value]) => [
      key,
      value instanceof Date ? value.toISOString() : value,
    ]),
  ) as { kind: string } & Record<string, unknown>;
}

const FIELD: Record<BallotProblem["kind"], string> = {
  "no-question": "title",
  "too-few-options": "rules.options",
  "invalid-option-id": "rules.options",
  "reserved-option-id": "rules.options",
  "duplicate-option": "rules.options",
  "option-without-label": "rules.options",
  "built-in-option-label": "rules.options",
  "invalid-max-choices": "rules.options.choice.maxChoices",
  "invalid-share": "rules.majority",
  "majority-too-low": "rules.majority",
  "invalid-proxy-cap": "rules.maxProxiesPerHolder",
  "invalid-date": "opensAt",
  "closes-before-opens": "closesAt",
  "invalid-grace": "graceMinutes",
};

export function draftFieldProblems(problems: readonly BallotProblem[]): BallotFieldProblem[] {
  return problems.map(
    (problem): BallotFieldProblem => ({
      field:
        problem.kind === "invalid-date"
          ? problem.field
          : problem.kind === "invalid-share" && problem.field === "quorum"
            ? "rules.quorum"
            : FIELD[problem.kind],
      code: problem.kind,
      params: ("optionId" in problem
        ? { optionId: problem.optionId, ...("label" in problem ? { label: problem.label } : {}) }
        : {}) as Record<string, string | number>,
    }),
  );
}

/** The one mapping from the domain's lifecycle problems to the use-cases' errors. */
export function lifecycleError(problem: LifecycleProblem): BallotError {
  switch (problem.kind) {
    case "not-draft":
      return { kind: "not-draft" };
    case "already-ended":
      return { kind: "already-ended" };
    case "closes-in-past":
      return { kind: "invalid", problems: [{ field: "closesAt", code: "closes-in-past" }] };
    case "reason-required":
      return { kind: "invalid", problems: [{ field: "reason", code: "reason-required" }] };
    case "invalid-draft":
      return { kind: "invalid", problems: draftFieldProblems(problem.problems) };
    case "invalid-electorate":
      return { kind: "empty-electorate" };
    case "roster-conflict":
      return { kind: "roster-conflict", platformIds: problem.platformIds };
  }
}
