import ipaddr from 'ipaddr.js';

/**
 * True only for a global unicast address. Loopback, private, link-local, unique-local, CGNAT,
 * multicast, reserved and the IPv6 forms that embed an IPv4 address (mapped, 6to4, Teredo,
 * NAT64) are all refused, so a webhook can never be aimed at chartgate's own network.
 */
export function isPublicAddress(ip: string): boolean {
  if (!ipaddr.isValid(ip)) return false;
  let addr = ipaddr.parse(ip);
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
  return addr.range() === 'unicast';
}
