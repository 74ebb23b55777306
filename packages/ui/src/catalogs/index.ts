import type { Locale } from "@dynamo/domain";
import { ballotDraft } from "./ballot-draft.ts";
import { ballotProxies } from "./ballot-proxies.ts";
import { ballots } from "./ballots.ts";
import { common } from "./common.ts";
import { federation } from "./federation.ts";
import { identity } from "./identity.ts";
import { identityAdmin } from "./identity-admin.ts";
import { mail } from "./mail.ts";
import { reports } from "./reports.ts";

/**
 * Every feature area's catalog. To add an area: write catalogs/<area>.ts with defineMessages()
 * and list it here. Keys are namespaced by area ("identity.login.title") so areas never clash.
 */
const areas = [
  common,
  identity,
  identityAdmin,
  reports,
  federation,
  ballots,
  ballotProxies,
  ballotDraft,
  mail,
] as const;

type Area = (typeof areas)[number];
type KeysOf<A> = A extends Record<Locale, Record<infer K, string>> ? K : never;
export type MessageKey = KeysOf<Area>;
export type Catalog = Record<MessageKey, string>;

function merge(locale: Locale): Catalog {
  return Object.assign({}, ...areas.map((area) => area[locale])) as Catalog;
}

export const catalogs: Record<Locale, Catalog> = { fr: merge("fr"), en: merge("en"), es: merge("es"), pt: merge("pt") };
