import { type PlatformSeat, type RoleProblem, type TenantKind, validateRoles } from "@dynamo/core";
import { checkPasswordStrength } from "../domain/password.ts";
import type { FieldProblem } from "./errors.ts";

/** The strength problems of a new password, as field problems of the given field. */
export function passwordProblems(field: string, password: string, email: string): FieldProblem[] {
  const problem = checkPasswordStrength(password, { email });
  if (problem === null) return [];
  switch (problem.kind) {
    case "too-short":
      return [{ field, code: "password.too-short", params: { min: problem.min } }];
    case "too-long":
      return [{ field, code: "password.too-long", params: { max: problem.max } }];
    case "too-common":
      return [{ field, code: "password.too-common" }];
    case "contains-email":
      return [{ field, code: "password.contains-email" }];
  }
}

export function roleProblems(
  kind: TenantKind,
  input: { roles: readonly string[]; platformId: string | null; platformSeat: PlatformSeat | null },
): FieldProblem[] {
  return validateRoles(kind, input).map(roleFieldProblem);
}

function roleFieldProblem(problem: RoleProblem): FieldProblem {
  switch (problem.kind) {
    case "no-role":
      return { field: "roles", code: "roles.none" };
    case "role-not-on-tenant":
      return { field: "roles", code: "roles.not-on-tenant", params: { role: problem.role } };
    case "seat-needs-platform":
      return { field: "platformSeat", code: "seat.needs-platform" };
    case "seat-needs-representative-role":
      return { field: "platformSeat", code: "seat.needs-representative" };
  }
}
