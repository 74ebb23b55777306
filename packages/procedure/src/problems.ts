import { defineProblems, type ProblemsOf } from "@dynamo/web";

/** The rules of procedure's failures, beyond the kernel's. */
export const procedureProblems = defineProblems({
  "amendment-stale": 409,
  "amendment-inapplicable": 422,
});

declare module "@dynamo/web" {
  interface ProblemRegistry extends ProblemsOf<typeof procedureProblems> {}
}
