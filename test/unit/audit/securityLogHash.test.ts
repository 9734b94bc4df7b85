import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/audit/canonicalJson.js';
import { securityLogHash } from '../../../src/audit/securityLogHash.js';
import { actorText, stampFor } from '../../../src/audit/Stamp.js';
import { editStamp, entryStamp } from '../../../src/audit/stampColumns.js';
import { grantStatements } from '../../../src/db/grantStatements.js';

const row = {
  SecurityLogNum: 4,
  PermType: 'AppointmentMove',
  UserNum: 7,
  ProgramNum: 3,
  ApiKeyNum: 2,
  RequestId: 'r1',
  LogDateTime: '2026-03-01 10:00:00',
  PatNum: 9,
  FKey: 812,
  LogSource: 'API',
  LogText: 'Appointment 812 moved',
  Changes: '{"AptDateTime":["a","b"]}',
  PrevHash: 'abc',
};

describe('security log hashing', () => {
  it('canonical JSON sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: undefined } })).toBe('{"a":{"d":[2,{"y":null,"z":1}]},"b":1}');
  });
  it('the hash covers every column, normalises driver types and chains on PrevHash', () => {
    const h = securityLogHash(row);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(securityLogHash({ ...row, SecurityLogNum: '4', UserNum: '7', LogHash: 'ignored' })).toBe(h);
    for (const [k, v] of Object.entries({ SecurityLogNum: 5, UserNum: 8, LogText: 'x', Changes: '{}', PrevHash: 'abd', LogDateTime: '2026-03-01 10:00:01' })) {
      expect(securityLogHash({ ...row, [k]: v }), k).not.toBe(h);
    }
  });
});

describe('stamps', () => {
  const principal = {
    clientId: 3,
    clientName: 'Front Desk Sync',
    keyId: 2,
    scopes: new Set<string>(),
    clinicIds: null,
    actingUser: { userNum: 7, userName: 'svc_front_desk_sync' },
  };
  it('come from the principal and the clock only', () => {
    const s = stampFor(principal, 'r1', () => new Date('2026-03-01T10:00:00.123Z'));
    expect(s).toEqual({
      userNum: 7,
      userName: 'svc_front_desk_sync',
      programNum: 3,
      programName: 'Front Desk Sync',
      apiKeyNum: 2,
      requestId: 'r1',
      at: '2026-03-01 10:00:00',
    });
    expect(entryStamp(s)).toEqual({
      SecUserNumEntry: 7,
      SecProgramNumEntry: 3,
      SecUserNumEdit: 7,
      SecProgramNumEdit: 3,
      SecDateTEntry: '2026-03-01 10:00:00',
      DateTStamp: '2026-03-01 10:00:00',
      RowVersion: 1,
    });
    expect(editStamp(s, 4)).toEqual({ SecUserNumEdit: 7, SecProgramNumEdit: 3, DateTStamp: '2026-03-01 10:00:00', RowVersion: 5 });
    expect(actorText(s)).toBe('Front Desk Sync');
    expect(actorText(stampFor({ ...principal, actingUser: { userNum: 8, userName: 'jsmith' } }, 'r', () => new Date()))).toBe('jsmith for Front Desk Sync');
  });
});

describe('db grants', () => {
  it('read: SELECT only; service: no DELETE or UPDATE on securitylog, no DELETE on domain tables', () => {
    const lines = grantStatements({ database: 'od', readUser: 'r', writeUser: 'w' }).filter((l) => !l.startsWith('--'));
    const forRead = lines.filter((l) => l.endsWith("TO 'r'@'%';"));
    expect(forRead).toEqual(["GRANT SELECT ON `od`.* TO 'r'@'%';"]);
    const log = lines.filter((l) => l.includes('`securitylog`'));
    expect(log).toEqual(["GRANT INSERT ON `od`.`securitylog` TO 'w'@'%';"]);
    expect(lines.filter((l) => l.includes('DELETE') && !l.includes('`gw_'))).toEqual([]);
  });
});
