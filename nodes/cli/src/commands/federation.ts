import { parseArgs } from "node:util";
import { resolveNodeSecret } from "@dynamo/config";
import { createTenantRepo } from "@dynamo/db";
import { createFederation, rotateActorKeys, tenantActorIdentifier } from "@dynamo/federation";
import { type CommandContext, UsageError } from "../io.ts";

export const federationUsage = `
  federation rotate-keys --tenant <slug>
             retires the tenant actor's RSA and Ed25519 keys, makes new ones and queues an
             Update of the actor for its followers (the node delivers it when it runs)`;

export async function federationCommand(args: string[], ctx: CommandContext): Promise<number> {
  const [action, ...rest] = args;
  if (action === "rotate-keys") return rotateKeys(rest, ctx);
  throw new UsageError(`unknown federation command: ${action ?? "(none)"}`);
}

async function rotateKeys(args: string[], { io, config, database }: CommandContext): Promise<number> {
  const { values } = parseArgs({ args, options: { tenant: { type: "string" } }, strict: true });
  if (!values.tenant) throw new UsageError("--tenant is required");
  const tenant = await createTenantRepo(database.db).findBySlug(values.tenant);
  if (tenant === undefined) {
    io.err(`no tenant with slug "${values.tenant}"`);
    return 1;
  }
  const federation = createFederation({
    db: database.db,
    nodeSecret: await resolveNodeSecret(config),
    kind: tenant.kind,
    environment: config.env,
    publicUrl: config.publicUrl,
  });
  const identifier = tenantActorIdentifier(tenant);
  const result = await rotateActorKeys(federation, tenant, identifier);
  if (!result.ok) {
    const error = result.error;
    switch (error.kind) {
      case "unknown-actor":
        io.err(`tenant ${tenant.slug} has no actor "${error.identifier}"`);
        return 1;
      case "remote-actor-not-found":
        io.err(`could not reach ${error.target}`);
        return 1;
    }
  }
  const actor = federation.contextFor(tenant).getActorUri(identifier);
  io.out(`rotated the keys of ${actor.href}; an Update of the actor is queued for its followers`);
  return 0;
}
