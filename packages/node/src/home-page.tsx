import type { TenantKind } from "@dynamo/core";
import { type FrameProps, PageFrame } from "@dynamo/ui";
import type { HomeSection } from "./area.ts";

export interface HomePageProps {
  frame: Omit<FrameProps, "title" | "children">;
  tenantKind: TenantKind;
  regionCode: string | null;
  /** What the areas have for the person asking (what is awaited from them), in the areas' order. */
  sections: readonly HomeSection[];
}

export function HomePage({ frame, tenantKind, regionCode, sections }: HomePageProps) {
  const { t } = frame;
  return (
    <PageFrame {...frame} title={t("home.title")}>
      <h1>{frame.siteName}</h1>
      <p class="lead">{tenantKind === "hub" ? t("home.hub") : t("home.region", { name: regionCode ?? "" })}</p>
      <p>{t("home.intro")}</p>
      {[...sections]}
    </PageFrame>
  );
}
