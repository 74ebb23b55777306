import { LOCALES } from "@dynamo/core";
import type { Child } from "hono/jsx";
import type { MessageKey, Translator } from "../i18n.ts";

export interface NavItem {
  href: string;
  label: string;
  current?: boolean;
}

export interface LayoutProps {
  t: Translator;
  title: string;
  siteName: string;
  /** The path of this page, so a language link can come back to it. */
  currentPath: string;
  nav?: NavItem[];
  /** Extra navigation on the right, such as the signed-in person and the logout form. */
  account?: Child;
  children?: Child;
}

/** The page shell every node page uses: landmarks, skip link, navigation and language choice. */
export function Layout(props: LayoutProps) {
  const { t } = props;
  const nav = props.nav ?? [{ href: "/", label: t("nav.home"), current: props.currentPath === "/" }];
  return (
    <html lang={t.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${props.siteName}`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t("nav.skip")}
        </a>
        <header class="site-header">
          <p class="site-name">
            <a href="/">{props.siteName}</a>
          </p>
          <nav aria-label={t("nav.main")}>
            <ul>
              {nav.map((item) => (
                <li>
                  <a href={item.href} aria-current={item.current ? "page" : undefined}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {props.account}
        </header>
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">
          <nav aria-label={t("lang.label")}>
            <ul class="languages">
              {LOCALES.map((locale) => (
                <li>
                  <a
                    href={`/locale/${locale}?next=${encodeURIComponent(props.currentPath)}`}
                    lang={locale}
                    hreflang={locale}
                    aria-current={locale === t.locale ? "true" : undefined}
                  >
                    {t(`lang.${locale}` as MessageKey)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <p>{t("footer.network")}</p>
        </footer>
      </body>
    </html>
  );
}
