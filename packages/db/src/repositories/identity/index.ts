export { type AuditEvent, type AuditRepo, createAuditRepo } from "./audit.ts";
export { createPeopleRepo, type NewPerson, type PeopleRepo, type PersonWriteFailure } from "./people.ts";
export { createPlatformRepo, type PlatformRepo } from "./platforms.ts";
export { createRateLimitRepo, type RateLimitRepo, type RateLimitState } from "./rate-limits.ts";
export { createSessionRepo, type SessionRepo, type StoredSession } from "./sessions.ts";
export { createPersonTokenRepo, type PersonToken, type PersonTokenRepo, type TokenPurpose } from "./tokens.ts";
