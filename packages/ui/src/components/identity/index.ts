export { type AuditEventView, AuditPage } from "./audit-page.tsx";
export { InvitationPage, LoginPage, ResetPasswordPage } from "./auth-pages.tsx";
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
} from "./frame.tsx";
export {
  type InviteFormValues,
  type IssuedLinkView,
  MemberEditPage,
  MembersPage,
  type MemberView,
  type PlatformOption,
} from "./members-pages.tsx";
export {
  PlatformEditPage,
  type PlatformFormValues,
  PlatformsPage,
  type PlatformView,
  type StatusChangeView,
} from "./platforms-pages.tsx";
export { ProfilePage, type ProfileView } from "./profile-page.tsx";
