import type { TenantKind } from "@dynamo/core";
import type { Db } from "@dynamo/db";
import { getLogger } from "@logtape/logtape";
import { setupState } from "./first-run.ts";
import { issueSetupToken, SETUP_LINK_TTL_MS } from "./setup-token.ts";

const logger = getLogger(["dynamo", "identity", "setup"]);

/**
 * At start, while no tenant of the node has an administrator: logs, once, at info level (never
 * higher, so alerting and error collectors never carry it), the link that opens the first-run
 * setup for an hour. Returns the link, or undefined when the node is set up.
 */
export async function announceSetupLink(deps: {
  db: Db;
  kind: TenantKind;
  nodeSecret: string;
  publicUrl: string;
  clock: () => Date;
}): Promise<string | undefined> {
  const state = await setupState(deps.db, deps.kind);
  if (!state.open) return undefined;
  const now = deps.clock();
  const link = `${deps.publicUrl}/setup?token=${issueSetupToken(deps.nodeSecret, now)}`;
  logger.info(
    "first run: no administrator yet. Open {link} before {expires} to create {what} and its first administrator",
    {
      link,
      expires: new Date(now.getTime() + SETUP_LINK_TTL_MS).toISOString(),
      what: state.tenants.length > 0 ? state.tenants.map((t) => t.slug).join(", ") : `the ${deps.kind}`,
    },
  );
  return link;
}
