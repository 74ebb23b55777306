/**
 * The release of the node's software (semver), as in the root package.json and CHANGELOG.md (a
 * test keeps the three in step). Backups record it; the upgrade path is read from it.
 */
export const APP_VERSION = "0.2.0";
