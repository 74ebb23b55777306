import type { LocalizedText } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { createPlatformRepo } from "@dynamo/identity";
import { createReportExchangeRepo } from "../db/exchange.ts";
import type { ReportsContext } from "../deps.ts";
import type { Report } from "../domain/report.ts";
import type { PlatformDirectory } from "../wire/messages.ts";

/**
 * The names of the platforms a report's sections name. A region knows its own platforms; the
 * hub, and a region reading another region's published report, read them from the signed
 * message the report came with.
 */
export async function platformDirectoryOf(
  ctx: ReportsContext,
  report: Report,
  db: DbOrTx = ctx.db,
): Promise<PlatformDirectory> {
  if (ctx.tenant.kind === "region" && report.region === ctx.tenant.regionCode) {
    const platforms = await createPlatformRepo(db, ctx.tenant.id).list();
    return Object.fromEntries(
      platforms.map((p) => [p.id, { countryCode: p.countryCode, names: p.names as Record<string, string> }]),
    );
  }
  const exchange = createReportExchangeRepo(db, ctx.tenant.id);
  const signed =
    ctx.tenant.kind === "hub"
      ? (await exchange.submissions({ reportId: report.id })).at(-1)?.signedJson
      : (await exchange.receipts(report.id)).filter((r) => r.decision === "published").at(-1)?.signedJson;
  if (signed === undefined) return {};
  return ((JSON.parse(signed) as { platforms?: PlatformDirectory }).platforms ?? {}) as PlatformDirectory;
}

export type PlatformNames = Record<string, { countryCode: string; names: LocalizedText }>;
