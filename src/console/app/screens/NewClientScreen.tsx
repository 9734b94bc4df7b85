import { useState } from 'react';
import { ClientForm, EMPTY_CLIENT, toClientInput } from '../components/ClientForm';
import { KeyReveal } from '../components/KeyReveal';
import { Link, navigate } from '../lib/router';
import { can, useSession } from '../lib/session';
import { useMutation } from '../lib/useMutation';

const CREATE = `mutation CreateClient($input: CreateClientInput!) {
  createClient(input: $input) { client { id name } key { id prefix key expiresAt } }
}`;

interface Created {
  createClient: { client: { id: string; name: string }; key: { id: string; prefix: string; key: string; expiresAt: string | null } };
}

/** A new integration: its service user and first key are created with it; the key is shown once. */
export function NewClientScreen() {
  const { session } = useSession();
  const create = useMutation<Created>(CREATE);
  const [created, setCreated] = useState<Created['createClient']>();
  return (
    <section>
      <p>
        <Link to="/">← Connections</Link>
      </p>
      <h1>New client</h1>
      {!can(session, 'admin') ? <p className="notice notice-error">Your role is read-only: it cannot create clients.</p> : null}
      {created ? (
        <>
          <p>
            Client <strong>{created.client.name}</strong> was created with its own service user.
          </p>
          <KeyReveal issued={created.key} onDone={() => navigate(`/clients/${created.client.id}`)} />
        </>
      ) : (
        <ClientForm
          initial={EMPTY_CLIENT}
          submitLabel="Create client"
          pending={create.pending}
          error={create.error}
          onSubmit={async (values) => {
            const r = await create.run({ input: toClientInput(values) });
            if (r) setCreated(r.createClient);
          }}
        />
      )}
    </section>
  );
}
