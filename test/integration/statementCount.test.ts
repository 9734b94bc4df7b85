import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrix, type FreshDb } from '../harness/harness.js';
import { createReadApi } from './readApi/readApiHarness.js';
import { seedReadFixture } from './readApi/readFixture.js';

/**
 * Batching: the statements of a request grow with the depth of the query,
 * never with the number of rows.
 */
const pageQuery = /* GraphQL */ `
  query Page($first: Int!) {
    appointments(first: $first) {
      edges {
        node {
          id
          scheduledAt
          patient {
            id
            lastName
            guarantor {
              id
            }
          }
          provider {
            id
            abbreviation
          }
          hygienist {
            id
          }
          operatory {
            id
            name
          }
          procedures {
            id
            fee
            code {
              code
            }
          }
        }
      }
    }
  }
`;

describe.each(matrix())('statement count [%s]', (_name, dialect) => {
  let t: FreshDb;
  let run: ReturnType<typeof createReadApi>;

  beforeAll(async () => {
    t = await dialect.freshDb();
    await seedReadFixture(t.db, { patients: 120, appointments: 150 });
    run = createReadApi(t.db);
  });
  afterAll(async () => {
    await t?.release();
  });

  it('a page of 10 and a page of 100 appointments with patient, provider, operatory and procedures run the same statements', async () => {
    const small = await run(pageQuery, { first: 10 });
    const large = await run(pageQuery, { first: 100 });
    expect(small.errors).toEqual([]);
    expect(large.errors).toEqual([]);
    expect((small.data as any).appointments.edges).toHaveLength(10);
    expect((large.data as any).appointments.edges).toHaveLength(100);
    // the nested rows really were resolved (not nulls that skipped the loaders)
    for (const { node } of (large.data as any).appointments.edges) {
      expect(node.patient?.id).toBeTruthy();
      expect(node.provider?.id).toBeTruthy();
      expect(node.operatory?.id).toBeTruthy();
      expect(node.procedures.length).toBeGreaterThan(0);
    }
    expect(large.statements.length).toBe(small.statements.length);
    expect([...large.statements].sort()).toEqual([...small.statements].sort());
    // one statement per level and loader family: list, patients, guarantors, providers, operatories, procedures, codes
    expect(small.statements.length).toBeLessThanOrEqual(7);
    expect(small.statements.filter((p) => p === 'listAppointments')).toHaveLength(1);
  });

  it('nested patient connections are batched too: 5 or 50 patients with their appointments, procedures and payments', async () => {
    const q = /* GraphQL */ `
      query Patients($first: Int!) {
        patients(first: $first) {
          nodes {
            id
            family {
              id
            }
            appointments(first: 2) {
              nodes {
                id
                operatory {
                  id
                }
              }
              pageInfo {
                hasNextPage
              }
            }
            procedures(first: 3) {
              nodes {
                id
                fee
              }
            }
            payments(first: 1) {
              nodes {
                id
                amount
                splits {
                  amount
                  provider {
                    id
                  }
                }
              }
            }
          }
        }
      }
    `;
    const small = await run(q, { first: 5 });
    const large = await run(q, { first: 50 });
    expect(small.errors).toEqual([]);
    expect(large.errors).toEqual([]);
    expect((large.data as any).patients.nodes).toHaveLength(50);
    expect(large.statements.length).toBe(small.statements.length);
    for (const p of (large.data as any).patients.nodes) expect(p.appointments.nodes.length).toBeLessThanOrEqual(2);
  });

  it('federation: 10 and 100 entity representations resolve through the same batched statements as a page', async () => {
    const entities = /* GraphQL */ `
      query Entities($r: [_Any!]!) {
        _entities(representations: $r) {
          ... on Appointment {
            id
            patient {
              id
              lastName
            }
            provider {
              id
            }
            operatory {
              id
            }
            procedures {
              id
            }
          }
        }
      }
    `;
    const reps = (n: number) => Array.from({ length: n }, (_, i) => ({ __typename: 'Appointment', id: String(i + 1) }));
    const small = await run(entities, { r: reps(10) });
    const large = await run(entities, { r: reps(100) });
    expect(small.errors).toEqual([]);
    expect((large.data as any)._entities.filter(Boolean)).toHaveLength(100);
    expect(large.statements.length).toBe(small.statements.length);
    expect([...large.statements].sort()).toEqual([...small.statements].sort());
  });
});
