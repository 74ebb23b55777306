import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { isLocale, isRole, type Role, rolesFor } from "@dynamo/core";
import { createTenantRepo } from "@dynamo/db";
import { addFirstUser } from "@dynamo/identity";
import { type CommandContext, UsageError } from "../io.ts";

export const userUsage = `
  user add --tenant <slug> --email <email> --role <role> [--role <role>…] [--name <name>]
           [--locale fr|en|es|pt] --password-stdin
           (roles on a region: member, platform_representative, regional_coordinator, node_admin;
            on the hub: hub_admin, technical_team, ipg_secretariat)`;

export async function userCommand(args: string[], ctx: CommandContext): Promise<number> {
  const [action, ...rest] = args;
  if (action === "add") return addUser(rest, ctx);
  throw new UsageError(`unknown user command: ${action ?? "(none)"}`);
}

const PROBLEM_TEXT: Record<string, string> = {
  "email.invalid": "is not an email address",
  "name.invalid": "must be 1 to 120 characters",
  "roles.none": "give at least one --role",
  "roles.not-on-tenant": "is not a role on this tenant",
  "password.too-short": "the password must have at least 12 characters",
  "password.too-long": "the password may have at most 256 characters",
  "password.too-common": "the password is too easy to guess; choose another one",
  "password.contains-email": "the password must not be the email address",
};

/** Adds an active person with a password read from standard input: a tenant's first administrator. */
async function addUser(args: string[], { io, database }: CommandContext): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      tenant: { type: "string" },
      email: { type: "string" },
      role: { type: "string", multiple: true, default: [] },
      name: { type: "string" },
      locale: { type: "string" },
      "password-stdin": { type: "boolean", default: false },
    },
    strict: true,
  });
  if (!values.tenant) throw new UsageError("--tenant is required");
  if (!values.email) throw new UsageError("--email is required");
  if (!values["password-stdin"])
    throw new UsageError(
      "give --password-stdin and pipe the password in: a password on the command line is visible to others",
    );
  if (values.locale !== undefined && !isLocale(values.locale))
    throw new UsageError("--locale must be fr, en, es or pt");
  const unknown = values.role.filter((r) => !isRole(r));
  if (unknown.length > 0) throw new UsageError(`unknown role: ${unknown.join(", ")}`);

  const tenant = await createTenantRepo(database.db).findBySlug(values.tenant);
  if (tenant === undefined) {
    io.err(`no tenant with slug "${values.tenant}" (see: pnpm cli tenant list)`);
    return 1;
  }
  // Only the line's end is dropped: spaces inside and around a passphrase are part of it.
  const password = (await io.readStdin()).replace(/\r?\n$/, "");
  const result = await addFirstUser(
    database.db,
    tenant,
    {
      email: values.email,
      displayName: values.name,
      roles: values.role as Role[],
      password,
      ...(values.locale !== undefined && isLocale(values.locale) ? { locale: values.locale } : {}),
    },
    { clock: () => new Date(), newId: randomUUID },
  );
  if (!result.ok) {
    const error = result.error;
    switch (error.kind) {
      case "email-taken":
        io.err(`${error.email} is already registered on ${tenant.slug}`);
        return 1;
      case "invalid":
        for (const problem of error.problems) {
          const text = PROBLEM_TEXT[problem.code] ?? problem.code;
          const subject =
            problem.field === "email"
              ? `--email ${values.email} `
              : problem.code === "roles.not-on-tenant"
                ? `--role ${problem.params?.role} `
                : "";
          io.err(
            `${subject}${text}${problem.code === "roles.not-on-tenant" ? ` (${rolesFor(tenant.kind).join(", ")})` : ""}`,
          );
        }
        return 1;
    }
  }
  const person = result.value;
  io.out(`added ${person.email} to ${tenant.slug} as ${person.roles.join(", ")} (${person.id})`);
  return 0;
}
