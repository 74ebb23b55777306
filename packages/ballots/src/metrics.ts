import type { Db } from "@dynamo/db";
import { tenants } from "@dynamo/db";
import type { AreaGauge } from "@dynamo/node";
import { eq, sql } from "drizzle-orm";
import { ballots } from "./db/schema.ts";

/**
 * The ballots on /metrics: how many are open per tenant, and each open ballot's time to the end of
 * its reception — its close, plus its grace and any extension for the hub's downtime — negative
 * once past it and not yet counted: a tally that does not happen shows here.
 */
export function ballotGauges(db: Db, clock: () => Date): AreaGauge[] {
  const open = () =>
    db
      .select({
        tenant: tenants.slug,
        role: ballots.role,
        id: ballots.id,
        closesAt: ballots.closesAt,
        graceMs: ballots.graceMs,
        extensionMs: ballots.extensionMs,
      })
      .from(ballots)
      .innerJoin(tenants, eq(tenants.id, ballots.tenantId))
      .where(eq(ballots.status, sql`'open'`));
  return [
    {
      name: "dynamo_ballots_open",
      help: "Open ballots, by tenant and role (issued at the hub, received at a region)",
      labelNames: ["tenant", "role"],
      async read() {
        const counts = new Map<string, { labels: Record<string, string>; value: number }>();
        for (const row of await open()) {
          const key = `${row.tenant}\n${row.role}`;
          const entry = counts.get(key) ?? { labels: { tenant: row.tenant, role: row.role }, value: 0 };
          entry.value += 1;
          counts.set(key, entry);
        }
        return [...counts.values()];
      },
    },
    {
      name: "dynamo_ballot_closes_in_seconds",
      help: "Seconds until an open ballot stops receiving votes (its close, grace and extension; negative: past it, not yet counted), by tenant and ballot",
      labelNames: ["tenant", "ballot"],
      async read() {
        const now = clock().getTime();
        return (await open()).map((row) => ({
          labels: { tenant: row.tenant, ballot: row.id },
          value: (new Date(row.closesAt).getTime() + row.graceMs + row.extensionMs - now) / 1000,
        }));
      },
    },
  ];
}
