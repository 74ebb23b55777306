import { defineProblems, type ProblemsOf } from "@dynamo/web";

/** The ballots area's failures, beyond the kernel's. */
export const ballotsProblems = defineProblems({
  "ballot-closed": 409,
  "not-in-electorate": 403,
  "vote-refused": 422,
  "ballot-not-peered": 409,
});

declare module "@dynamo/web" {
  interface ProblemRegistry extends ProblemsOf<typeof ballotsProblems> {}
}
