import { defineProblems, type ProblemsOf } from "@dynamo/web";

/** The network area's failures, beyond the kernel's. */
export const networkProblems = defineProblems({
  "icon-not-an-image": 422,
  "icon-too-large": 422,
  "server-is-a-peer": 409,
});

declare module "@dynamo/web" {
  interface ProblemRegistry extends ProblemsOf<typeof networkProblems> {}
}
