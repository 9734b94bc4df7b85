import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { badInput } from '../lib/DomainError.js';
import { isPublicAddress } from './isPublicAddress.js';

/** The longest endpoint URL accepted (gw_webhook_endpoint.url is VARCHAR(2000)). */
const MAX_URL = 2000;

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** The SSRF rule, at subscription time and again on every connection. */
export interface UrlGuard {
  /** BAD_USER_INPUT naming `field` unless chartgate may call this URL */
  check(url: string, field: string): Promise<void>;
  /** net.connect's `lookup`: resolves, then refuses private addresses, so a DNS change cannot slip past `check` */
  readonly lookup: (hostname: string, options: LookupOptions, callback: LookupCallback) => void;
  /** the same refusal for a URL whose host is an address literal (no lookup happens for those) */
  refusesLiteral(host: string): boolean;
}

export interface UrlGuardOptions {
  /** WEBHOOKS_ALLOW_PRIVATE: private and loopback addresses, and plain http, are allowed */
  allowPrivate: boolean;
  /** every address of a host name (default: the system resolver) */
  resolve?: (hostname: string) => Promise<string[]>;
}

const systemResolve = (hostname: string) =>
  new Promise<string[]>((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses.map((a) => a.address)))),
  );

/** '[::1]' -> '::1' */
const bareHost = (hostname: string) => (hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname);

/**
 * Endpoints must be https on a public address. With allowPrivate (development, tests) plain
 * http and private or loopback addresses are allowed too.
 */
export function createUrlGuard(opts: UrlGuardOptions): UrlGuard {
  const resolve = opts.resolve ?? systemResolve;
  const refusesLiteral = (host: string) => {
    const bare = bareHost(host);
    return !opts.allowPrivate && isIP(bare) !== 0 && !isPublicAddress(bare);
  };
  return {
    async check(url, field) {
      if (typeof url !== 'string' || url.length === 0 || url.length > MAX_URL) throw badInput(`${field} must be a URL of 1 to ${MAX_URL} characters`, field);
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw badInput(`${field} is not a valid URL`, field);
      }
      const schemes = opts.allowPrivate ? ['https:', 'http:'] : ['https:'];
      if (!schemes.includes(parsed.protocol)) throw badInput(`${field} must be an ${opts.allowPrivate ? 'http or https' : 'https'} URL`, field);
      if (parsed.username || parsed.password) throw badInput(`${field} must not carry credentials`, field);
      if (!parsed.hostname) throw badInput(`${field} has no host`, field);
      if (opts.allowPrivate) return;
      const host = bareHost(parsed.hostname);
      if (isIP(host) !== 0) {
        if (!isPublicAddress(host)) throw badInput(`${field} points at a private, loopback or reserved address`, field);
        return;
      }
      let addresses: string[];
      try {
        addresses = await resolve(host);
      } catch {
        throw badInput(`${field}: the host ${host} does not resolve`, field);
      }
      if (addresses.length === 0 || addresses.some((a) => !isPublicAddress(a))) {
        throw badInput(`${field}: the host ${host} resolves to a private, loopback or reserved address`, field);
      }
    },
    lookup(hostname, options, callback) {
      dnsLookup(hostname, { ...options, all: true } as LookupAllOptions, (err, addresses) => {
        if (err) return callback(err, []);
        if (!opts.allowPrivate && (addresses.length === 0 || addresses.some((a) => !isPublicAddress(a.address)))) {
          const refused: NodeJS.ErrnoException = new Error(`${hostname} resolves to a private, loopback or reserved address`);
          refused.code = 'EPRIVATEADDRESS';
          return callback(refused, []);
        }
        if (options.all) return callback(null, addresses);
        return callback(null, addresses[0]!.address, addresses[0]!.family);
      });
    },
    refusesLiteral,
  };
}
