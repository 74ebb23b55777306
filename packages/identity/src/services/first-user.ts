import { err, type Locale, ok, type Person, type PersonId, type Result, type Role, type Tenant } from "@dynamo/core";
import type { Db } from "@dynamo/db";
import { createAuditRepo } from "@dynamo/db";
import { hashPassword } from "../crypto/secrets.ts";
import { createPeopleRepo } from "../db/people.ts";
import { cleanDisplayName, normalizeEmail } from "../domain/person.ts";
import type { FieldProblem } from "./errors.ts";
import { passwordProblems, roleProblems } from "./validate.ts";

export type AddUserError = { kind: "invalid"; problems: FieldProblem[] } | { kind: "email-taken"; email: string };

/**
 * Adds an active person with a password, from the node's command line: how a tenant gets its
 * first administrator. Recorded in the audit log as done by the command line.
 */
export async function addFirstUser(
  db: Db,
  tenant: Tenant,
  input: { email: string; displayName?: string | undefined; roles: Role[]; password: string; locale?: Locale },
  deps: { clock: () => Date; newId: () => string },
): Promise<Result<Person, AddUserError>> {
  const email = normalizeEmail(input.email);
  const displayName = cleanDisplayName(input.displayName ?? input.email.split("@")[0] ?? "");
  const problems: FieldProblem[] = [
    ...(email === null ? [{ field: "email", code: "email.invalid" } as const] : []),
    ...(displayName === null ? [{ field: "displayName", code: "name.invalid" } as const] : []),
    ...roleProblems(tenant.kind, { roles: input.roles, platformId: null, platformSeat: null }),
    ...passwordProblems("password", input.password, email ?? input.email),
  ];
  if (email === null || displayName === null || problems.length > 0) return err({ kind: "invalid", problems });
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock();
  return db.transaction(async (tx) => {
    const created = await createPeopleRepo(tx, tenant.id).create(
      {
        id: deps.newId() as PersonId,
        email,
        displayName,
        locale: input.locale ?? tenant.defaultLocale,
        roles: input.roles,
        platformId: null,
        platformSeat: null,
        passwordHash,
      },
      now,
    );
    if (!created.ok) return err({ kind: "email-taken", email });
    await createAuditRepo(tx, tenant.id).record({
      id: deps.newId(),
      at: now,
      actorId: null,
      actorLabel: "command line",
      action: "members.add",
      targetType: "person",
      targetId: created.value.id,
      targetLabel: email,
      outcome: "success",
      clientAddress: null,
      requestId: null,
      details: { roles: input.roles },
    });
    return ok(created.value);
  });
}
