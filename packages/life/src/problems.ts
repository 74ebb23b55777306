import { defineProblems, type ProblemsOf } from "@dynamo/web";

/** The network life's failures, beyond the kernel's (validation, not-found, forbidden, conflict). */
export const lifeProblems = defineProblems({
  "ipg-host-refused": 409,
  "delegation-refused": 409,
  "ipg-status-refused": 409,
  "ipg-document-refused": 409,
});

declare module "@dynamo/web" {
  interface ProblemRegistry extends ProblemsOf<typeof lifeProblems> {}
}
