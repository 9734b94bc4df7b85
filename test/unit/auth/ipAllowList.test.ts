import { describe, expect, it } from 'vitest';
import { createIpAllowList, isValidCidr } from '../../../src/lib/ipAllowList.js';
import { createClientIpResolver } from '../../../src/auth/createClientIpResolver.js';

describe('IP allow lists', () => {
  it('empty list allows every address', () => {
    expect(createIpAllowList([]).allows('203.0.113.9')).toBe(true);
  });

  it('matches IPv4 CIDRs, including IPv4-mapped IPv6 peers', () => {
    const list = createIpAllowList(['10.0.0.0/8', '192.168.1.5']);
    expect(list.allows('10.20.30.40')).toBe(true);
    expect(list.allows('::ffff:10.1.2.3')).toBe(true);
    expect(list.allows('192.168.1.5')).toBe(true);
    expect(list.allows('192.168.1.6')).toBe(false);
    expect(list.allows('11.0.0.1')).toBe(false);
    expect(list.allows('not-an-ip')).toBe(false);
  });

  it('matches IPv6 CIDRs and never mixes families', () => {
    const list = createIpAllowList(['2001:db8::/32']);
    expect(list.allows('2001:db8:1::5')).toBe(true);
    expect(list.allows('2001:db9::1')).toBe(false);
    expect(list.allows('10.0.0.1')).toBe(false);
  });

  it('validates CIDRs', () => {
    expect(isValidCidr('10.0.0.0/8')).toBe(true);
    expect(isValidCidr('::1/128')).toBe(true);
    expect(isValidCidr('10.0.0.0/33')).toBe(false);
    expect(isValidCidr('example.com')).toBe(false);
  });
});

describe('client address through trusted proxies (TRUSTED_PROXIES)', () => {
  it('ignores X-Forwarded-For by default', () => {
    const r = createClientIpResolver([]);
    expect(r.resolve('198.51.100.7', '10.0.0.1')).toBe('198.51.100.7');
  });

  it('believes X-Forwarded-For only from a trusted proxy, reading right to left', () => {
    const r = createClientIpResolver(['10.0.0.0/8', 'fd00::/8']);
    expect(r.resolve('10.0.0.2', '203.0.113.9')).toBe('203.0.113.9');
    // a client-supplied leftmost entry cannot win: the first untrusted hop from the right is the client
    expect(r.resolve('10.0.0.2', '1.2.3.4, 203.0.113.9, 10.0.0.3')).toBe('203.0.113.9');
    expect(r.resolve('198.51.100.7', '203.0.113.9')).toBe('198.51.100.7');
    expect(r.resolve('::ffff:10.0.0.2', '2001:db8::1')).toBe('2001:db8::1');
    expect(r.resolve('fd00::1', ['2001:db8::9'])).toBe('2001:db8::9');
    expect(r.resolve('10.0.0.2', undefined)).toBe('10.0.0.2');
  });
});
