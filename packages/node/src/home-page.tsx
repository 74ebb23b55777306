import type { TenantKind } from "@dynamo/core";
import { type FrameProps, PageFrame, type Translator } from "@dynamo/ui";
import type { HomeContent, HomeItem } from "./home.ts";

export interface HomePageProps {
  frame: Omit<FrameProps, "title" | "children">;
  tenantKind: TenantKind;
  regionCode: string | null;
  /** The signed-in person's items; undefined for a visitor (the page then presents the site). */
  home: (HomeContent & { name: string }) | undefined;
}

function formatDue(t: Translator, due: Date, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat(t.locale, { dateStyle: "medium", timeZone: timeZone ?? "UTC" }).format(due);
}

function ItemList({ t, items }: { t: Translator; items: readonly HomeItem[] }) {
  return (
    <ul class="home-items">
      {items.map((item) => (
        <li class={item.urgent ? "home-item urgent" : "home-item"}>
          <a href={item.href}>
            <span class="home-item-title">{item.title}</span>
            {item.detail === undefined ? null : <span class="home-item-detail">{item.detail}</span>}
            {item.due === undefined ? null : (
              <span class="home-item-due">
                <time datetime={item.due.toISOString()}>{t("home.due", { date: formatDue(t, item.due, "UTC") })}</time>
              </span>
            )}
            <span class="home-item-action">{item.action} →</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

/**
 * The first page after login: what this person has to do now and what comes next, each one tap
 * from its action; an empty list says what will appear there. A visitor sees what the site is.
 */
export function HomePage({ frame, tenantKind, regionCode, home }: HomePageProps) {
  const { t } = frame;
  const place = tenantKind === "hub" ? t("home.hub") : t("home.region", { name: regionCode ?? "" });
  if (home === undefined) {
    return (
      <PageFrame {...frame} title={t("home.title")}>
        <h1>{frame.siteName}</h1>
        <p class="lead">{place}</p>
        <p>{t("home.intro")}</p>
        <p>
          <a href="/login">{t("home.visitor.login")}</a>
        </p>
      </PageFrame>
    );
  }
  return (
    <PageFrame {...frame} title={t("home.mine.title")}>
      <h1>{t("home.mine.heading", { name: home.name })}</h1>
      <p class="lead">{place}</p>
      <section class="home-now" aria-labelledby="home-now">
        <h2 id="home-now">{t("home.now")}</h2>
        {home.now.length > 0 ? (
          <ItemList t={t} items={home.now} />
        ) : (
          <div class="home-empty">
            <p>{t("home.now.empty")}</p>
            {home.watches.length === 0 ? (
              <p class="muted">{t("home.watches.none")}</p>
            ) : (
              <>
                <p class="muted">{t("home.watches")}</p>
                <ul class="muted">
                  {home.watches.map((watch) => (
                    <li>{watch}</li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
      </section>
      <section class="home-next" aria-labelledby="home-next">
        <h2 id="home-next">{t("home.next")}</h2>
        {home.next.length > 0 ? <ItemList t={t} items={home.next} /> : <p class="muted">{t("home.next.empty")}</p>}
      </section>
    </PageFrame>
  );
}
