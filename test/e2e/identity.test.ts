import { describe } from 'vitest';
import { harness, matrix } from '../harness/harness.js';
import { identityE2eCases } from './identity.cases.js';
import { identityBurstCases } from './identityBurst.cases.js';

describe.each(matrix())('[%s] identity over HTTP', (_name, dialect) => {
  const it = harness(dialect);
  identityE2eCases(it);
  identityBurstCases(it);
});
