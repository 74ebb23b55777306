export {
  type ActorProfile,
  type ActorRole,
  type FindActor,
  findTenantActor,
  tenantActorIdentifier,
  tenantActorProfile,
} from "./actors.ts";
export type { CatchUpReport } from "./catch-up/catch-up.ts";
export { createSecretBox, SealedValueError, type SecretBox, type SecretPurpose } from "./crypto/secret-box.ts";
export { createActorKeyRepo } from "./db/actor-keys.ts";
export { createDeliveryRepo } from "./db/deliveries.ts";
export { blockedServers, fediverseFollowers, fediverseProfiles } from "./db/fediverse-schema.ts";
export { isInboundMessageApplied } from "./db/inbound.ts";
export {
  deliveries,
  inboxRefusals,
  outboxActivities,
  peers,
  publications,
  receivedActivities,
} from "./db/network-schema.ts";
export { createPeerRepo } from "./db/peers.ts";
export { createPublicationRepo } from "./db/publications.ts";
export { createReceivedRepo, type InboxRefusal } from "./db/received.ts";
export { createRosterRepo } from "./db/roster.ts";
export { fedifyQueue, inboundMessages } from "./db/schema.ts";
export {
  createDeliveryRetryPolicy,
  DELIVERY_RETRY_DEFAULTS,
  type DeliveryRetryOptions,
  PERMANENT_FAILURE_STATUS_CODES,
} from "./delivery-policy.ts";
export {
  DELIVERY_STATES,
  type Delivery,
  type DeliveryState,
  nextAttempt,
  type PeerDeliverySummary,
  type RetrySchedule,
} from "./domain/delivery.ts";
export type { BlockedServer, FediverseFollower, FediverseProfile } from "./domain/fediverse.ts";
export { ICON_MEDIA_TYPES, MAX_ICON_BYTES } from "./domain/fediverse.ts";
export type { NetworkPlatform } from "./domain/network-platform.ts";
export {
  decidePeering,
  originOf,
  PEER_STATES,
  type Peer,
  type PeerDirection,
  type PeeringEvent,
  type PeeringReply,
  type PeerState,
} from "./domain/peering.ts";
export {
  isNewerVersion,
  type NewPublication,
  PUBLICATION_KINDS,
  type Publication,
  type PublicationKind,
  type PublicationProblem,
  validateNewPublication,
} from "./domain/publication.ts";
export {
  checkDocument,
  createInboxTable,
  type Handled,
  type InboundContext,
  type InboxRoute,
  type InboxTable,
  route,
  type SendingPeer,
} from "./exchange/dispatch.ts";
export {
  type DocumentOf,
  type DocumentType,
  defineDocumentType,
  type Envelope,
  type ReceivedMessage,
} from "./exchange/document-type.ts";
export type { Display, FoundDocument, OutgoingMessage } from "./exchange/envelope.ts";
export type { Exchange, From, PeerAddress, Recipients, RosterEntry } from "./exchange/exchange.ts";
export {
  type JsonObject,
  type ProofFailure,
  ProofSchema,
  type Signed,
  signJson,
  type VerifiedProof,
  verifyJson,
} from "./exchange/proof.ts";
export {
  ACTOR_PATH,
  createFederation,
  type FederationDeps,
  type Follower,
  type ListFollowers,
  type NodeFederation,
  type RunningQueue,
} from "./federation.ts";
export type { FediverseError } from "./fediverse/use-cases.ts";
export { federationMiddleware } from "./hono-middleware.ts";
export type { OnActivity, ReceivedActivity } from "./inbox.ts";
export type { Refusal, RefusalReason } from "./inbox-checks/refusals.ts";
export { type ActorKeyPair, type ActorKeyStore, createActorKeyStore } from "./keys/actor-key-store.ts";
export type { LocalPlatform, LocalPlatforms } from "./local-platforms.ts";
export {
  createNodeFederation,
  isTrustedPeer,
  type NetworkServices,
  type NetworkTimings,
  type NodeFederationOptions,
  type NodeNetwork,
} from "./network.ts";
export type { PeeringError } from "./peering/use-cases.ts";
export type { PublicationError } from "./publications/use-cases.ts";
export { platformActorIdentifier } from "./roster/wire.ts";
export { rotateActorKeys, sendActorUpdate, sendFollow } from "./send.ts";
export { createDrizzleKvStore } from "./stores/kv-store.ts";
export { createDrizzleMessageQueue } from "./stores/message-queue.ts";
export { renderText } from "./vocab/public-text.ts";
