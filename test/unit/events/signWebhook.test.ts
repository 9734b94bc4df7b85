import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, webhookHeaders } from '../../../src/events/signWebhook.js';

describe('Standard Webhooks signing', () => {
  it('signs id.timestamp.body with v1 HMAC-SHA256 that standardwebhooks verifies, with every secret during a rotation', () => {
    const [oldSecret, newSecret] = [newWebhookSecret(), newWebhookSecret()];
    expect(newSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = JSON.stringify({ type: 'patient.created', timestamp: new Date().toISOString(), data: { id: '1' } });
    const headers = webhookHeaders([newSecret, oldSecret], 'evt_1', new Date(), body);
    expect(headers['webhook-id']).toBe('evt_1');
    expect(headers['webhook-signature'].split(' ').map((s) => s.slice(0, 3))).toEqual(['v1,', 'v1,']);
    for (const secret of [oldSecret, newSecret]) expect(new Webhook(secret).verify(body, headers)).toMatchObject({ type: 'patient.created' });
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow(/No matching signature/);
    expect(() => new Webhook(newSecret).verify(`${body} `, headers)).toThrow(/No matching signature/);
  });
});
