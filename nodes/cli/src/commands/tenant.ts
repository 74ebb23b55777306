import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import {
  HUB_NAMES,
  isLocale,
  isRegionCode,
  type LocalizedText,
  type NewTenant,
  REGION_NAMES,
  type TenantKind,
} from "@dynamo/core";
import { createTenantRepo } from "@dynamo/db";
import { addTenant } from "@dynamo/node";
import { type CommandContext, UsageError } from "../io.ts";

export const tenantUsage = `
  tenant add --slug <slug> --host <host> [--host <host>…] (--region AF|AM|AS|EU | --hub)
             [--name <locale>=<name>…] [--locale fr|en|es|pt]
  tenant list [--json]`;

export async function tenantCommand(args: string[], ctx: CommandContext): Promise<number> {
  const [action, ...rest] = args;
  if (action === "list") return listTenants(rest, ctx);
  if (action === "add") return addTenantCommand(rest, ctx);
  throw new UsageError(`unknown tenant command: ${action ?? "(none)"}`);
}

async function listTenants(args: string[], { io, database }: CommandContext): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: "boolean", default: false } }, strict: true });
  const tenants = await createTenantRepo(database.db).list();
  if (values.json) {
    io.out(JSON.stringify(tenants, null, 2));
    return 0;
  }
  if (tenants.length === 0) {
    io.out("No tenants yet. Add one with: pnpm cli tenant add --slug africa --region AF --host africa.example.org");
    return 0;
  }
  for (const t of tenants) {
    io.out(`${t.slug}\t${t.kind === "hub" ? "hub" : t.regionCode}\t${t.defaultLocale}\t${t.hosts.join(", ")}`);
  }
  return 0;
}

async function addTenantCommand(args: string[], { io, database }: CommandContext): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      slug: { type: "string" },
      host: { type: "string", multiple: true, default: [] },
      region: { type: "string" },
      hub: { type: "boolean", default: false },
      name: { type: "string", multiple: true, default: [] },
      locale: { type: "string" },
    },
    strict: true,
  });
  if (!values.slug) throw new UsageError("--slug is required");
  if (values.hub === (values.region !== undefined)) throw new UsageError("give either --region <code> or --hub");
  const regionCode = values.region?.toUpperCase();
  if (regionCode !== undefined && !isRegionCode(regionCode)) throw new UsageError("--region must be AF, AM, AS or EU");
  if (values.locale !== undefined && !isLocale(values.locale))
    throw new UsageError("--locale must be fr, en, es or pt");
  const kind: TenantKind = values.hub ? "hub" : "region";

  const names: LocalizedText = {};
  for (const entry of values.name) {
    const [locale, ...nameParts] = entry.split("=");
    if (!isLocale(locale) || nameParts.length === 0) throw new UsageError(`--name takes <locale>=<name>, not ${entry}`);
    names[locale] = nameParts.join("=");
  }
  const input: NewTenant = {
    slug: values.slug,
    kind,
    regionCode: regionCode ?? null,
    names: Object.keys(names).length > 0 ? names : regionCode ? REGION_NAMES[regionCode] : HUB_NAMES,
    defaultLocale: values.locale !== undefined && isLocale(values.locale) ? values.locale : "en",
    hosts: values.host,
  };
  const result = await addTenant(database.db, input, randomUUID);
  if (!result.ok) {
    const error = result.error;
    switch (error.kind) {
      case "invalid":
        for (const problem of error.problems) io.err(`invalid tenant: ${describeTenantProblem(problem)}`);
        return 1;
      case "slug-taken":
        io.err(`a tenant with slug "${error.slug}" already exists`);
        return 1;
      case "region-taken":
        io.err(`this node already has a tenant for region ${error.regionCode}`);
        return 1;
      case "host-taken":
        io.err(`host ${error.host} already belongs to another tenant`);
        return 1;
    }
  }
  io.out(`added tenant ${result.value.slug} (${result.value.id}) answering on ${result.value.hosts.join(", ")}`);
  return 0;
}

function describeTenantProblem(problem: import("@dynamo/core").TenantProblem): string {
  switch (problem.kind) {
    case "invalid-slug":
      return `slug "${problem.slug}" must be lower-case letters, digits and dashes`;
    case "invalid-host":
      return `"${problem.host}" is not a host name`;
    case "no-host":
      return "give at least one --host";
    case "region-code-required":
      return "a region needs --region";
    case "hub-has-no-region":
      return "the hub has no region code";
    case "no-name":
      return "give at least one --name";
  }
}
