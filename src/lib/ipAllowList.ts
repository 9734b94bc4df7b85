import ipaddr from 'ipaddr.js';

export interface IpAllowList {
  /** true when the list is empty (no restriction) or the address falls in one of its CIDRs */
  allows(ip: string): boolean;
}

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** '::ffff:10.0.0.1' and '10.0.0.1' are the same caller. Null when not an address at all. */
const parseIp = (ip: string): ipaddr.IPv4 | ipaddr.IPv6 | null => {
  if (!ipaddr.isValid(ip)) return null;
  const addr = ipaddr.parse(ip);
  return addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress() ? (addr as ipaddr.IPv6).toIPv4Address() : addr;
};

/** Throws on a malformed CIDR; a bare address means a single host (/32 or /128). */
const parseCidr = (cidr: string): Range => {
  const text = cidr.trim();
  if (!text.includes('/')) {
    const addr = parseIp(text);
    if (!addr) throw new Error(`not an IP address or CIDR: ${cidr}`);
    return [addr, addr.kind() === 'ipv4' ? 32 : 128];
  }
  const [addr, bits] = ipaddr.parseCIDR(text);
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
    return [(addr as ipaddr.IPv6).toIPv4Address(), Math.max(0, bits - 96)];
  }
  return [addr, bits];
};

export const isValidCidr = (cidr: string): boolean => {
  try {
    parseCidr(cidr);
    return true;
  } catch {
    return false;
  }
};

export const createIpAllowList = (cidrs: readonly string[]): IpAllowList => {
  const ranges = cidrs.map(parseCidr);
  return {
    allows(ip) {
      if (ranges.length === 0) return true;
      const addr = parseIp(ip);
      if (!addr) return false;
      return ranges.some(([net, bits]) => net.kind() === addr.kind() && addr.match(net, bits));
    },
  };
};
