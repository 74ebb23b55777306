export { appStylesheet } from "./assets.ts";
export { defineMessages } from "./catalogs/define.ts";
export { ErrorPage, type ErrorPageProps } from "./components/error-page.tsx";
export { HomePage, type HomePageProps } from "./components/home-page.tsx";
export * from "./components/identity/index.ts";
export { Layout, type LayoutProps, type NavItem } from "./components/layout.tsx";
export * from "./components/reports/index.ts";
export {
  type Catalog,
  catalogs,
  createTranslator,
  isMessageKey,
  type MessageKey,
  type MessageParams,
  type Translator,
} from "./i18n.ts";
