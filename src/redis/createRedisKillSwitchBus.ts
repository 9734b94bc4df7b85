import type { RedisLink } from './createRedisLink.js';

/** A switched-off client, as the instances tell each other. */
export interface SwitchEvent {
  clientId: number;
  reason: string;
}

/** The kill switch's bus over Redis pub/sub: one channel per practice database. */
export function createRedisKillSwitchBus(link: RedisLink, namespace: string, onError?: (error: unknown) => void) {
  const channel = `cg:killswitch:${namespace}`;
  return {
    async publish(event: SwitchEvent): Promise<void> {
      if (!link.isUp()) return; // the others fall back to their poll
      await link.redis.publish(channel, JSON.stringify(event));
    },
    subscribe(handler: (event: SwitchEvent) => void): void {
      const sub = link.subscriber();
      sub.subscribe(channel).catch((error: unknown) => onError?.(error));
      sub.on('message', (ch: string, message: string) => {
        if (ch !== channel) return;
        try {
          const e = JSON.parse(message) as Partial<SwitchEvent>;
          if (typeof e.clientId === 'number') handler({ clientId: e.clientId, reason: String(e.reason ?? '') });
        } catch (error) {
          onError?.(error);
        }
      });
    },
  };
}
