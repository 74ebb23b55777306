import { problem, type TenantEnv } from "@dynamo/web";
import type { Context } from "hono";
import { createLifeRepo } from "../db/repos.ts";
import type { LifeContext } from "../deps.ts";
import { calendarFeed } from "../services/calendar.ts";

/**
 * An iCal feed: `region.ics` (this node's own events), `network.ics` (every event it knows),
 * `ipg-{year}.ics` (one IPG edition). Public, as the events are: a calendar app fetches it
 * without a session.
 */
export async function feedResponse(c: Context<TenantEnv>, ctx: LifeContext, feed: string): Promise<Response> {
  const repo = createLifeRepo(ctx.db, ctx.tenant.id);
  const all = await repo.events();
  const ipg = /^ipg-(\d{4})\.ics$/.exec(feed);
  const events =
    feed === "region.ics"
      ? all.filter((e) => e.own)
      : ipg !== null
        ? all.filter((e) => e.kind === "ipg" && e.startsAt.getUTCFullYear() === Number(ipg[1]))
        : all;
  if (ipg !== null && events.length === 0) return problem(c, "not-found");
  const name = `${c.get("tenant").slug} — ${feed.replace(/\.ics$/, "")}`;
  return c.body(calendarFeed(name, events, ctx.tenant, ctx.clock()), 200, {
    "Content-Type": "text/calendar; charset=utf-8",
    "Content-Disposition": `inline; filename="${feed}"`,
  });
}
