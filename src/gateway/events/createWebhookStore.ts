import { sql, type Transaction } from 'kysely';
import type { SecurityLogAppender } from '../../audit/SecurityLog.js';
import type { Stamp } from '../../audit/Stamp.js';
import type { Db } from '../../db/Db.js';
import type { SqlRunner } from '../../db/SqlRunner.js';
import type { Database } from '../../db/tables.js';
import { fromSqlDateTime } from '../../lib/dates.js';
import { notFound } from '../../lib/DomainError.js';
import { appendOutboxEvent } from './appendOutboxEvent.js';
import { selectDispatchEndpoints } from './selectDispatchEndpoints.js';
import { toEndpointView } from './mapEventRows.js';
import type { DispatchEndpoint, EndpointPatch, NewEndpoint, WebhookEndpointView } from './types.js';

/** gw_webhook_endpoint: subscriptions, their secrets and their state. Every change is security-logged. */
export interface WebhookStore {
  create(stamp: Stamp, endpoint: NewEndpoint): Promise<number>;
  update(stamp: Stamp, id: number, patch: EndpointPatch): Promise<void>;
  /** deletes the endpoint and its deliveries */
  remove(stamp: Stamp, id: number): Promise<void>;
  /** the new secret signs from now on; the old one too until `previousUntil` (UTC 'YYYY-MM-DD HH:MM:SS') */
  rotateSecret(stamp: Stamp, id: number, secret: string, previousUntil: string): Promise<void>;
  get(id: number): Promise<WebhookEndpointView | null>;
  list(clientId?: number): Promise<WebhookEndpointView[]>;
  /** active endpoints with their signing secrets and subscribers, at `nowMs` */
  forDispatch(nowMs: number): Promise<DispatchEndpoint[]>;
  /** whether any endpoint is active (serve starts its dispatcher thread once one is) */
  anyActive(): Promise<boolean>;
  /**
   * Disables an active endpoint with its reason, a security-log row and an operational
   * `webhook.endpoint.disabled` event, in one transaction; false when it was not active.
   */
  disable(stamp: Stamp, id: number, reason: string): Promise<boolean>;
  /** records the first failure since the last success (`at`), or clears it after a success (null) */
  setFailingSince(id: number, at: string | null): Promise<void>;
}

type Trx = Transaction<Database>;

export function createWebhookStore(db: Db, runner: SqlRunner, log: SecurityLogAppender): WebhookStore {
  const k = db.interactive;
  const load = async (trx: Trx, id: number) => {
    const row = (await runner.exec(trx, 'webhooks.load', runner.syntax.forUpdate(trx.selectFrom('gw_webhook_endpoint').selectAll().where('id', '=', id))))
      .rows[0];
    if (!row) throw notFound('WebhookEndpoint', id);
    return row;
  };

  return {
    async create(stamp, e) {
      return runner.transaction('webhooks.create', async (trx) => {
        const client = await runner.exec(trx, 'webhooks.create.client', trx.selectFrom('gw_client').select('id').where('id', '=', e.clientId));
        if (client.rows.length === 0) throw notFound('Client', e.clientId);
        // a new endpoint receives what happens from now on; older events only by replay
        const newest = await runner.exec(trx, 'webhooks.create.position', trx.selectFrom('gw_outbox').select(sql<number | null>`max(id)`.as('id')));
        const inserted = await runner.exec(
          trx,
          'webhooks.create.insert',
          trx.insertInto('gw_webhook_endpoint').values({
            client_id: e.clientId,
            url: e.url,
            event_types: e.eventTypes.join(' '),
            secret: e.secret,
            previous_secret: null,
            previous_secret_expires_at: null,
            status: 'active',
            disabled_reason: null,
            full_payload: e.fullPayload ? 1 : 0,
            last_event_id: Number(newest.rows[0]?.id ?? 0),
            failing_since: null,
            created_at: stamp.at,
            updated_at: stamp.at,
          }),
        );
        const id = Number(inserted.insertId);
        await log.append(trx, runner, {
          stamp,
          permType: 'WebhookEndpointCreate',
          fKey: id,
          logText: `Webhook endpoint ${id} for client ${e.clientId} created: ${e.eventTypes.join(' ')}`,
          changes: { url: [null, e.url], eventTypes: [null, e.eventTypes.join(' ')], fullPayload: [null, e.fullPayload] },
        });
        return id;
      });
    },

    async update(stamp, id, patch) {
      await runner.transaction('webhooks.update', async (trx) => {
        const before = await load(trx, id);
        const set: Record<string, unknown> = {};
        if (patch.url !== undefined) set.url = patch.url;
        if (patch.eventTypes !== undefined) set.event_types = patch.eventTypes.join(' ');
        if (patch.fullPayload !== undefined) set.full_payload = patch.fullPayload ? 1 : 0;
        if (patch.status !== undefined) {
          set.status = patch.status;
          set.disabled_reason = patch.status === 'active' ? null : (before.disabled_reason ?? `disabled by ${stamp.programName}`);
          if (patch.status === 'active') set.failing_since = null;
        }
        const changes: Record<string, [unknown, unknown]> = {};
        for (const [col, value] of Object.entries(set)) {
          const old = (before as Record<string, unknown>)[col] ?? null;
          if (String(old) !== String(value ?? null)) changes[col] = [old, value ?? null];
        }
        if (Object.keys(changes).length === 0) return;
        await runner.exec(
          trx,
          'webhooks.update.write',
          trx
            .updateTable('gw_webhook_endpoint')
            .set({ ...set, updated_at: stamp.at })
            .where('id', '=', id),
        );
        await log.append(trx, runner, {
          stamp,
          permType: 'WebhookEndpointEdit',
          fKey: id,
          logText: `Webhook endpoint ${id} edited (${Object.keys(changes).join(', ')})`,
          changes,
        });
      });
    },

    async remove(stamp, id) {
      await runner.transaction('webhooks.delete', async (trx) => {
        const before = await load(trx, id);
        await runner.exec(trx, 'webhooks.delete.deliveries', trx.deleteFrom('gw_delivery').where('endpoint_id', '=', id));
        await runner.exec(trx, 'webhooks.delete.endpoint', trx.deleteFrom('gw_webhook_endpoint').where('id', '=', id));
        await log.append(trx, runner, {
          stamp,
          permType: 'WebhookEndpointDelete',
          fKey: id,
          logText: `Webhook endpoint ${id} of client ${before.client_id} deleted`,
          changes: { url: [before.url, null] },
        });
      });
    },

    async rotateSecret(stamp, id, secret, previousUntil) {
      await runner.transaction('webhooks.rotate', async (trx) => {
        const before = await load(trx, id);
        await runner.exec(
          trx,
          'webhooks.rotate.write',
          trx
            .updateTable('gw_webhook_endpoint')
            .set({ secret, previous_secret: before.secret, previous_secret_expires_at: previousUntil, updated_at: stamp.at })
            .where('id', '=', id),
        );
        await log.append(trx, runner, {
          stamp,
          permType: 'WebhookSecretRotate',
          fKey: id,
          logText: `Webhook endpoint ${id} secret rotated; the previous secret signs until ${previousUntil} UTC`,
        });
      });
    },

    async get(id) {
      const rows = await runner.readInteractive('webhooks.get', k.selectFrom('gw_webhook_endpoint').selectAll().where('id', '=', id));
      return rows[0] ? toEndpointView(rows[0]) : null;
    },

    async list(clientId) {
      const rows = await runner.readInteractive(
        'webhooks.list',
        k
          .selectFrom('gw_webhook_endpoint')
          .selectAll()
          .$if(clientId !== undefined, (q) => q.where('client_id', '=', clientId!))
          .orderBy('id'),
      );
      return rows.map(toEndpointView);
    },

    forDispatch: (nowMs) => selectDispatchEndpoints(k, runner, nowMs),
    async anyActive() {
      const rows = await runner.readInteractive('webhooks.anyActive', k.selectFrom('gw_webhook_endpoint').select('id').where('status', '=', 'active').limit(1));
      return rows.length > 0;
    },

    async disable(stamp, id, reason) {
      return runner.transaction('webhooks.disable', async (trx) => {
        const before = await load(trx, id);
        if (before.status !== 'active') return false;
        await runner.exec(
          trx,
          'webhooks.disable.write',
          trx.updateTable('gw_webhook_endpoint').set({ status: 'disabled', disabled_reason: reason, updated_at: stamp.at }).where('id', '=', id),
        );
        await log.append(trx, runner, {
          stamp,
          permType: 'WebhookEndpointDisable',
          fKey: id,
          logText: `Webhook endpoint ${id} of client ${before.client_id} disabled: ${reason}`,
          changes: { status: ['active', 'disabled'] },
        });
        await appendOutboxEvent(trx, runner, { type: 'webhook.endpoint.disabled', entityId: id, clinicNum: 0, stamp, at: new Date(fromSqlDateTime(stamp.at)) });
        return true;
      });
    },

    async setFailingSince(id, at) {
      await runner.transaction('webhooks.failing', (trx) =>
        runner.exec(
          trx,
          'webhooks.failing',
          trx
            .updateTable('gw_webhook_endpoint')
            .set({ failing_since: at })
            .where('id', '=', id)
            .where('failing_since', at === null ? 'is not' : 'is', null),
        ),
      );
    },
  };
}
