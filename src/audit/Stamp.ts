import type { Principal } from '../auth/Principal.js';
import type { DateTimeStr } from '../db/columnTypes.js';
import { toSqlDateTime } from '../lib/dates.js';

/** Who (user), which program (client) and when: taken from the credential, never from input. */
export interface Stamp {
  /** SecUserNum*: the client's service user or the staff user it acts for */
  readonly userNum: number;
  readonly userName: string;
  /** SecProgramNum*: gw_client.id (0 = chartgate itself) */
  readonly programNum: number;
  readonly programName: string;
  readonly apiKeyNum: number;
  readonly requestId: string;
  /** UTC 'YYYY-MM-DD HH:MM:SS'; one time for every row a request writes */
  readonly at: DateTimeStr;
}

/** The stamp of one request, fixed from its Principal. */
export function stampFor(principal: Principal, requestId: string, clock: () => Date): Stamp {
  return Object.freeze({
    userNum: principal.actingUser.userNum,
    userName: principal.actingUser.userName,
    programNum: principal.clientId,
    programName: principal.clientName,
    apiKeyNum: principal.keyId,
    requestId,
    at: toSqlDateTime(clock()),
  });
}

/** "Front Desk Sync", or "jsmith for Front Desk Sync" when a client acts for a staff user. */
export function actorText(stamp: Stamp): string {
  // service users are created as svc_<client name> (src/services/clients/createClient.ts)
  const isService = stamp.userName.startsWith('svc_') || stamp.userName === stamp.programName;
  return isService ? stamp.programName : `${stamp.userName} for ${stamp.programName}`;
}
