import { describe } from 'vitest';
import { dialects } from '../harness/dialects.js';
import { freshDbs } from '../integration/auth/freshDbs.js';
import { identityE2eCases } from './identity.cases.js';
import { identityBurstCases } from './identityBurst.cases.js';

describe.each(dialects.map((d) => [d.name, d] as const))('[%s] identity over HTTP', (name, dialect) => {
  const fresh = freshDbs(dialect);
  identityE2eCases(fresh);
  identityBurstCases(fresh, name);
});
