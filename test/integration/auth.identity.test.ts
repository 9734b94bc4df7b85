import { describe } from 'vitest';
import { harness, matrix } from '../harness/harness.js';
import { authenticatorCases } from './auth/authenticator.cases.js';
import { cliCases } from './auth/cli.cases.js';
import { killSwitchCases } from './auth/killSwitch.cases.js';
import { requestLogAndDemoCases } from './auth/requestLogAndDemo.cases.js';

describe.each(matrix())('[%s] identity: keys, tokens, IPs, kill switches', (_name, dialect) => {
  const it = harness(dialect);
  authenticatorCases(it);
  requestLogAndDemoCases(it);
  cliCases(it);
});

describe.each(matrix('mysql'))('[%s] identity: KILL QUERY on suspension', (_name, dialect) => {
  killSwitchCases(harness(dialect));
});
