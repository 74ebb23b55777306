export { type CanonicalValue, canonicalJson, compareCodeUnits } from "./canonical.ts";
export { COUNTRY_CODES, type CountryCode, parseCountryCode } from "./country.ts";
export { dateTimeFormat, displayNames, numberFormat } from "./intl.ts";
export { isLocale, LOCALES, type Locale, type LocalizedText, negotiateLocale, pickLocalized } from "./locale.ts";
export { type Person, type PersonId, PLATFORM_STATUSES, type PlatformId, type PlatformStatus } from "./person.ts";
export {
  type Action,
  type ActionRegistry,
  type ActionsOf,
  type AreaPolicy,
  allowedActions,
  combinePolicies,
  type Decision,
  type DeclaredPolicy,
  definePolicy,
  may,
  mayAssignRoles,
  type Policy,
  type Principal,
} from "./policy.ts";
export { err, ok, type Result } from "./result.ts";
export {
  adminRoleFor,
  HUB_ROLES,
  isRole,
  normalizeRoles,
  PLATFORM_SEATS,
  type PlatformSeat,
  REGION_ROLES,
  ROLES,
  type Role,
  type RoleProblem,
  rolesFor,
  validateRoles,
} from "./roles.ts";
export {
  type Brand,
  HUB_NAMES,
  hostWithoutPort,
  isRegionCode,
  type NewTenant,
  normalizeHost,
  REGION_CODES,
  REGION_NAMES,
  type RegionCode,
  type Tenant,
  type TenantId,
  type TenantKind,
  type TenantProblem,
  validateNewTenant,
} from "./tenant.ts";
export { type Outage, outagesOf, type UpSpan } from "./uptime.ts";
export { APP_VERSION } from "./version.ts";
