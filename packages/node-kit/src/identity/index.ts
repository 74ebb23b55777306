export { deriveIdentityKeys, type IdentityKeys } from "./crypto/keys.ts";
export { hashPassword } from "./crypto/secrets.ts";
export type { IdentityDeps } from "./deps.ts";
export { authorize } from "./middleware/authorize.ts";
export { CSRF_FIELD, CSRF_HEADER } from "./middleware/csrf.ts";
export { type IdentityOptions, identityDeps, mountIdentityMiddleware, mountIdentityRoutes } from "./mount.ts";
export { type AddUserError, addFirstUser } from "./services/first-user.ts";
