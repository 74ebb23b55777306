import type { AmendmentRefusal } from "../domain/amendment.ts";
import type { OperationProblem } from "../domain/text.ts";
import type { ImportProblem } from "../text/markdown.ts";

/** Every expected failure of the rules of procedure's use-cases. */
export type ProcedureError =
  | { kind: "not-found" }
  | { kind: "refused"; refusal: AmendmentRefusal }
  | { kind: "inapplicable"; problem: OperationProblem }
  | { kind: "import"; problem: ImportProblem }
  | { kind: "wrong-text" }
  | { kind: "already-in-force" }
  | { kind: "no-version" }
  | { kind: "not-peered" }
  | { kind: "ballot"; reason: string };
