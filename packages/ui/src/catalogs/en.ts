/** English: the reference catalog. Every other catalog must have exactly these keys. */
export const en = {
  "app.name": "Dynamo network",
  "nav.main": "Main",
  "nav.home": "Home",
  "nav.skip": "Skip to content",
  "lang.label": "Language",
  "lang.fr": "Français",
  "lang.en": "English",
  "lang.es": "Español",
  "lang.pt": "Português",
  "home.title": "Welcome",
  "home.region": "Regional coordination of the network ({name})",
  "home.hub": "International hub of the network",
  "home.intro":
    "This is the governance space of Dynamo International – Street Workers Network: national platforms, the International Pilot Group's ballots and the regions' reports.",
  "home.kind.region": "Region",
  "home.kind.hub": "International hub",
  "footer.network": "Dynamo International – Street Workers Network",
  "error.back": "Back to the home page",
  "error.requestId": "Reference for the administrator: {requestId}",
  "problem.not-found": "Page not found",
  "problem.not-found.detail": "There is nothing at this address.",
  "problem.unknown-tenant": "Unknown site",
  "problem.unknown-tenant.detail": "This node serves no region or hub under the name {host}.",
  "problem.validation": "The request is not valid",
  "problem.validation.detail": "Some fields are missing or wrong; see the list.",
  "problem.payload-too-large": "The request is too large",
  "problem.payload-too-large.detail": "The body may be at most {limit}.",
  "problem.unsupported-media-type": "Unsupported content type",
  "problem.unsupported-media-type.detail": "This endpoint accepts {expected}.",
  "problem.method-not-allowed": "Method not allowed",
  "problem.internal": "Something went wrong on the server",
  "problem.internal.detail":
    "The error was recorded. Try again later; if it persists, give the reference below to your node administrator.",
  "problem.unavailable": "Service unavailable",
  "problem.unavailable.detail": "The database does not answer.",
} as const;

export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;
