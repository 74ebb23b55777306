export { appStylesheet } from "./assets.ts";
export { ErrorPage } from "./components/error-page.tsx";
export {
  AccountMenu,
  CSRF_FIELD_NAME,
  CsrfField,
  type FieldErrorView,
  FormErrors,
  type FrameProps,
  formatDateTime,
  Notice,
  PageFrame,
  TextField,
  type Viewer,
} from "./components/frame.tsx";
export { Layout, type NavItem } from "./components/layout.tsx";
export { ScrollRegion } from "./components/scroll-region.tsx";
export { defineMessages } from "./define.ts";
export {
  type CatalogSet,
  catalogProblems,
  createTranslator,
  type MessageKey,
  type MessageParams,
  type MessageRegistry,
  type MessagesOf,
  mergeCatalogs,
  type PluralKey,
  type Translator,
} from "./i18n.ts";
export { common } from "./messages.ts";
