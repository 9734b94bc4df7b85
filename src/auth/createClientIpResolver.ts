import { createIpAllowList } from '../lib/ipAllowList.js';

export interface ClientIpResolver {
  /** The caller's address: the socket peer, or the X-Forwarded-For hop just before the first untrusted proxy. */
  resolve(remoteAddress: string, forwardedFor: string | string[] | undefined): string;
}

/**
 * X-Forwarded-For is believed only when the socket peer is a trusted proxy (TRUSTED_PROXIES,
 * default: none, so the header is ignored). Hops are read right to left and skipped while they
 * are trusted proxies too; the first untrusted hop is the client. A client cannot spoof its
 * address by sending the header itself, because its own entry is the leftmost one.
 */
export const createClientIpResolver = (trustedProxies: readonly string[]): ClientIpResolver => {
  const trusted = trustedProxies.length === 0 ? null : createIpAllowList(trustedProxies);
  const normalise = (ip: string) => (ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip);
  return {
    resolve(remoteAddress, forwardedFor) {
      const peer = normalise(remoteAddress);
      if (!trusted || !trusted.allows(peer) || forwardedFor === undefined) return peer;
      const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
        .split(',')
        .map((h) => h.trim())
        .filter((h) => h.length > 0);
      let client = peer;
      for (let i = hops.length - 1; i >= 0; i--) {
        client = normalise(hops[i]);
        if (!trusted.allows(client)) return client;
      }
      return client;
    },
  };
};
