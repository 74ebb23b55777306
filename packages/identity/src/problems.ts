import { defineProblems, type ProblemsOf } from "@dynamo/web";

/** The identity area's failures, beyond the kernel's. */
export const identityProblems = defineProblems({
  "invalid-credentials": 401,
  "account-disabled": 403,
  "link-unknown": 404,
  "link-expired": 410,
  "link-used": 410,
  /** The first-run setup link, once the node has an administrator. */
  "setup-closed": 409,
});

declare module "@dynamo/web" {
  interface ProblemRegistry extends ProblemsOf<typeof identityProblems> {}
}
