import { describe, expect, it } from 'vitest';
import { createUrlGuard } from '../../../src/events/createUrlGuard.js';
import { isPublicAddress } from '../../../src/events/isPublicAddress.js';

const fieldOf = async (p: Promise<void>) => {
  try {
    await p;
    return null;
  } catch (e) {
    return { code: (e as { code?: string }).code, field: (e as { field?: string }).field, message: (e as Error).message };
  }
};

describe('the SSRF rule', () => {
  it('only global unicast addresses are public', () => {
    for (const ip of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:10.0.0.1',
      '2002:a00:1::',
      '64:ff9b::a00:1',
    ]) {
      expect(isPublicAddress(ip), ip).toBe(false);
    }
    for (const ip of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8']) expect(isPublicAddress(ip), ip).toBe(true);
    expect(isPublicAddress('not-an-ip')).toBe(false);
  });

  it('refuses private, loopback and metadata addresses, plain http and credentials by default', async () => {
    const guard = createUrlGuard({
      allowPrivate: false,
      resolve: async (host) => ({ 'hooks.example.com': ['93.184.216.34'], 'internal.example.com': ['93.184.216.34', '10.0.0.7'] })[host] ?? [],
    });
    expect(await fieldOf(guard.check('https://hooks.example.com/cg', 'input.url'))).toBeNull();
    expect(await fieldOf(guard.check('https://93.184.216.34/cg', 'input.url'))).toBeNull();
    for (const url of [
      'http://hooks.example.com/cg',
      'https://127.0.0.1/cg',
      'https://[::1]/cg',
      'https://169.254.169.254/latest/meta-data',
      'https://10.0.0.1/cg',
      'https://internal.example.com/cg',
      'https://nowhere.example.com/cg',
      'https://user:pw@hooks.example.com/cg',
      'ftp://hooks.example.com/cg',
      'not a url',
      `https://hooks.example.com/${'x'.repeat(2000)}`,
    ]) {
      expect(await fieldOf(guard.check(url, 'input.url')), url).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.url' });
    }
    expect(guard.refusesLiteral('127.0.0.1')).toBe(true);
    expect(guard.refusesLiteral('[::1]')).toBe(true);
    expect(guard.refusesLiteral('93.184.216.34')).toBe(false);
  });

  it('the system resolver: localhost resolves to loopback and is refused', async () => {
    const guard = createUrlGuard({ allowPrivate: false });
    expect(await fieldOf(guard.check('https://localhost/cg', 'input.url'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.url' });
    const refused = await new Promise<NodeJS.ErrnoException | null>((resolve) => guard.lookup('localhost', {}, (err) => resolve(err)));
    expect(refused?.code).toBe('EPRIVATEADDRESS');
  });

  it('WEBHOOKS_ALLOW_PRIVATE allows loopback and http (tests, development)', async () => {
    const guard = createUrlGuard({ allowPrivate: true });
    expect(await fieldOf(guard.check('http://127.0.0.1:8080/hook', 'input.url'))).toBeNull();
    expect(await fieldOf(guard.check('http://localhost/hook', 'input.url'))).toBeNull();
    expect(guard.refusesLiteral('127.0.0.1')).toBe(false);
    expect(await fieldOf(guard.check('ftp://127.0.0.1/hook', 'input.url'))).toMatchObject({ field: 'input.url' });
    const address = await new Promise<string>((resolve, reject) => guard.lookup('localhost', {}, (err, a) => (err ? reject(err) : resolve(String(a)))));
    expect(['127.0.0.1', '::1']).toContain(address);
  });
});
