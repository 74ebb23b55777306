import { pageFrame, type TenantEnv } from "@dynamo/web";
import type { Context } from "hono";
import type { RulesVersion } from "../domain/version.ts";
import { VersionPage } from "../views/rules-pages.tsx";

/**
 * A version's printable page as HTML text, in the reader's language: what the browser prints and
 * what the node prints as PDF. Nobody's name or navigation goes into the document.
 */
export function printableVersionHtml(c: Context<TenantEnv>, version: RulesVersion, versions: RulesVersion[]): string {
  const frame = { ...pageFrame(c, "/rules"), nav: [], viewer: undefined, csrfToken: undefined };
  return `<!doctype html>${<VersionPage frame={frame} version={version} versions={versions} canPropose={false} print={true} />}`;
}

/** The file name of a version's exports: text, number and language. */
export const versionFileName = (version: RulesVersion, locale: string) =>
  `${version.textKey}-v${version.number}-${locale}`;
