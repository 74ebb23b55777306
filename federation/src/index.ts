export {
  type ActorProfile,
  type ActorRole,
  type FindActor,
  findTenantActor,
  tenantActorIdentifier,
  tenantActorProfile,
} from "./actors.ts";
export type { CatchUpReport } from "./catch-up/catch-up.ts";
export type { FederationContextData } from "./context-data.ts";
export { createSecretBox, SealedValueError, type SecretBox, type SecretPurpose } from "./crypto/secret-box.ts";
export {
  createDeliveryRetryPolicy,
  DELIVERY_RETRY_DEFAULTS,
  type DeliveryRetryOptions,
  PERMANENT_FAILURE_STATUS_CODES,
} from "./delivery-policy.ts";
export {
  ACTOR_PATH,
  createFederation,
  type FederationDeps,
  type Follower,
  type ListFollowers,
  type NodeFederation,
  type RunningQueue,
} from "./federation.ts";
export { federationMiddleware } from "./hono-middleware.ts";
export type { OnActivity, ReceivedActivity } from "./inbox.ts";
export { admitActivity, inboxGuard } from "./inbox-checks/guard.ts";
export type { Refusal, RefusalReason } from "./inbox-checks/refusals.ts";
export { type ActorKeyPair, type ActorKeyStore, createActorKeyStore } from "./keys/actor-key-store.ts";
export { createNetwork, isTrustedPeer, type Network, type NetworkOptions, type NetworkServices } from "./network.ts";
export type { NetworkContext } from "./network-context.ts";
export { createNodeNetwork, type NodeNetworkOptions } from "./node-network.ts";
export { type Audience, enqueueActivity, type OutgoingActivity } from "./outbox/enqueue.ts";
export type { PeeringError } from "./peering/use-cases.ts";
export type { PublicationError } from "./publications/use-cases.ts";
export type { ActivityHandler, ApplyOutcome } from "./receive/apply.ts";
export type { Inbound, InboundActivity } from "./receive/map.ts";
export { platformActorIdentifier } from "./roster/wire.ts";
export { rotateActorKeys, type SendFailure, sendActorUpdate, sendFollow } from "./send.ts";
export { createDrizzleKvStore } from "./stores/kv-store.ts";
export { createDrizzleMessageQueue, type DrizzleMessageQueueOptions } from "./stores/message-queue.ts";
