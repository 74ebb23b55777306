import type { TenantKind } from "@dynamo/domain";
import { type FrameProps, PageFrame } from "./identity/frame.tsx";
import { Reminders } from "./reports/reminders.tsx";
import type { ReminderView } from "./reports/views.ts";

export interface HomePageProps {
  frame: Omit<FrameProps, "title" | "children">;
  tenantKind: TenantKind;
  regionCode: string | null;
  /** What is awaited from the signed-in person, the most urgent first. */
  reminders?: readonly ReminderView[];
}

export function HomePage({ frame, tenantKind, regionCode, reminders = [] }: HomePageProps) {
  const { t } = frame;
  return (
    <PageFrame {...frame} title={t("home.title")}>
      <h1>{frame.siteName}</h1>
      <p class="lead">{tenantKind === "hub" ? t("home.hub") : t("home.region", { name: regionCode ?? "" })}</p>
      <p>{t("home.intro")}</p>
      <Reminders t={t} reminders={reminders} />
    </PageFrame>
  );
}
