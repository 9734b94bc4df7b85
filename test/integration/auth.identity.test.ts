import { describe } from 'vitest';
import { dialects } from '../harness/dialects.js';
import { freshDbs } from './auth/freshDbs.js';
import { authenticatorCases } from './auth/authenticator.cases.js';
import { cliCases } from './auth/cli.cases.js';
import { killSwitchCases } from './auth/killSwitch.cases.js';
import { requestLogAndDemoCases } from './auth/requestLogAndDemo.cases.js';

describe.each(dialects.map((d) => [d.name, d] as const))('[%s] identity: keys, tokens, IPs, kill switches', (_name, dialect) => {
  const fresh = freshDbs(dialect);
  authenticatorCases(fresh);
  requestLogAndDemoCases(fresh);
  cliCases(fresh);
});

describe.each(dialects.filter((d) => d.name === 'mysql').map((d) => [d.name, d] as const))('[%s] identity: KILL QUERY on suspension', (_name, dialect) => {
  killSwitchCases(freshDbs(dialect));
});
