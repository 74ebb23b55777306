import type { TenantKind } from "@dynamo/domain";
import type { Translator } from "../i18n.ts";
import { Layout } from "./layout.tsx";

export interface HomePageProps {
  t: Translator;
  tenantName: string;
  tenantKind: TenantKind;
  regionCode: string | null;
}

export function HomePage({ t, tenantName, tenantKind, regionCode }: HomePageProps) {
  return (
    <Layout t={t} title={t("home.title")} siteName={tenantName} currentPath="/">
      <h1>{tenantName}</h1>
      <p class="lead">{tenantKind === "hub" ? t("home.hub") : t("home.region", { name: regionCode ?? "" })}</p>
      <p>{t("home.intro")}</p>
    </Layout>
  );
}
