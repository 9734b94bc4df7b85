import type { LimitValues } from '../../config/effectiveClientLimits.js';
import type { SecurityLogVerdict } from '../../audit/verifySecurityLog.js';
import type { Gateway } from '../../gateway/createGateway.js';
import type { KillSwitch } from '../../killSwitch/createKillSwitch.js';
import type { WebhookPolicy } from '../webhooks/WebhookPolicy.js';

/** What the admin services need beyond every service's deps. */
export interface AdminDeps {
  gateway: Pick<Gateway, 'clients' | 'requestLog' | 'events' | 'webhooks' | 'deliveries' | 'admins' | 'instances' | 'operations'>;
  killSwitch: KillSwitch;
  /** KEY_ROTATION_GRACE_S: how long a rotated-out key keeps working; the config's default is 86400 */
  keyRotationGraceS: number;
  /** DB_POOL_REPORTING: a client's connection share (limits.maxConnections) can never be more */
  reportingPoolSize?: number;
  /** the global limits a client's own override: limitDefaultsOf(config) */
  limitDefaults: LimitValues;
  /** called after a committed client/key/switch change, so this instance's identity cache reloads at once (others poll) */
  afterChange?: () => Promise<void>;
  /** webhook endpoints: the URL rule, new secrets and the rotation overlap */
  webhooks: WebhookPolicy;
  /** a client's cost budget now, read without changing it (the console's live load); absent in one-shot processes */
  budgetOf?: (clientId: number) => Promise<{ available: number; maximum: number; restorePerSecond: number }>;
  /** walks the keyed security log (the installation's SecurityLog); absent where nobody verifies */
  verifySecurityLog?: () => Promise<SecurityLogVerdict>;
  /** INSTANCE_HEARTBEAT_MS: an instance silent for three of these is shown as gone; default 5000 */
  instanceHeartbeatMs?: number;
}
