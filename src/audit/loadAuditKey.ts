import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Thrown when there is no key to verify with (a key is only ever generated for writing). */
class AuditKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditKeyError';
  }
}

export interface AuditKeySource {
  /** AUDIT_KEY (32+ characters); production requires it (src/config) */
  key?: string;
  /** chartgate's data directory: without AUDIT_KEY the key is kept in <dataDir>/audit.key */
  dataDir: string;
  /** generate and store a key when there is none (serve and writing commands; never verify) */
  create: boolean;
}

/**
 * The security log's key: AUDIT_KEY, or outside production a per-install key generated once into
 * <dataDir>/audit.key (mode 0600), next to the embedded database and outside it. A database
 * attacker who cannot read that file cannot forge the log (docs/audit.md).
 */
export function loadAuditKey(source: AuditKeySource): Buffer {
  if (source.key) return Buffer.from(source.key, 'utf8');
  const file = join(source.dataDir, 'audit.key');
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8').trim();
    if (text.length < 32) throw new AuditKeyError(`${file} holds fewer than 32 characters: not an audit key`);
    return Buffer.from(text, 'utf8');
  }
  if (!source.create) throw new AuditKeyError(`no audit key: set AUDIT_KEY, or start chartgate once so it generates ${file}`);
  const key = randomBytes(48).toString('base64url');
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // another process generated it first: use theirs
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadAuditKey({ ...source, create: false });
    throw error;
  }
  return Buffer.from(key, 'utf8');
}
