import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { Field, fieldError } from '../components/Field';
import { StatusBadge } from '../components/StatusBadge';
import { when } from '../lib/format';
import { can, ROLE_TITLES, useSession } from '../lib/session';
import { useMutation } from '../lib/useMutation';
import { useQuery } from '../lib/useQuery';

interface AdminUser {
  id: string;
  userName: string;
  role: string;
  status: string;
  totpEnabled: boolean;
  userId: string;
  createdAt: string;
  lastLoginAt: string | null;
}

const FIELDS = 'id userName role status totpEnabled userId createdAt lastLoginAt';
const LIST = `query AdminUsers { adminUsers { ${FIELDS} } }`;
const CREATE = `mutation CreateAdminUser($input: CreateAdminUserInput!) { createAdminUser(input: $input) { adminUser { ${FIELDS} } } }`;
const DISABLE = `mutation DisableAdminUser($input: AdminUserIdInput!) { disableAdminUser(input: $input) { adminUser { id status } } }`;
const ENABLE = `mutation EnableAdminUser($input: AdminUserIdInput!) { enableAdminUser(input: $input) { adminUser { id status } } }`;
const RESET = `mutation ResetAdminTotp($input: AdminUserIdInput!) { resetAdminTotp(input: $input) { adminUser { id totpEnabled } } }`;

/** The console's people: System Administrators manage them; the server refuses everyone else, and so does this page. */
export function AdminUsersScreen() {
  const { session } = useSession();
  const list = useQuery<{ adminUsers: AdminUser[] }>(LIST);
  const create = useMutation(CREATE);
  const act = useMutation(DISABLE);
  const enable = useMutation(ENABLE);
  const reset = useMutation(RESET);
  const [form, setForm] = useState({ userName: '', role: 'TECHNICAL_LEAD', password: '' });
  const [created, setCreated] = useState<string>();
  const allowed = can(session, 'admin:users');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setCreated(undefined);
    if (await create.run({ input: form })) {
      setCreated(form.userName);
      setForm({ userName: '', role: form.role, password: '' });
      void list.reload();
    }
  };
  const run = async (m: typeof act, id: string) => {
    if (await m.run({ input: { adminUserId: id } })) void list.reload();
  };

  return (
    <section>
      <h1>Console users</h1>
      {!allowed ? (
        <p className="notice notice-error refusal" data-testid="refusal">
          Refused: your role ({ROLE_TITLES[session.user.role]}) may not manage console users. Only a System Administrator can.
        </p>
      ) : null}
      <ErrorNotice error={list.error ?? act.error ?? enable.error ?? reset.error} />
      {list.data ? (
        <table data-testid="admin-users">
          <thead>
            <tr>
              <th>User</th>
              <th>Role</th>
              <th>Status</th>
              <th>TOTP</th>
              <th>Last sign-in</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data.adminUsers.map((u) => (
              <tr key={u.id}>
                <td>
                  {u.userName} <small className="muted">UserNum {u.userId}</small>
                </td>
                <td>{ROLE_TITLES[u.role] ?? u.role}</td>
                <td>
                  <StatusBadge status={u.status} />
                </td>
                <td>{u.totpEnabled ? 'on' : 'off'}</td>
                <td>{when(u.lastLoginAt)}</td>
                <td className="actions">
                  {u.status === 'ACTIVE' ? (
                    <button type="button" onClick={() => void run(act, u.id)}>
                      Disable
                    </button>
                  ) : (
                    <button type="button" onClick={() => void run(enable, u.id)}>
                      Enable
                    </button>
                  )}
                  {u.totpEnabled ? (
                    <button type="button" onClick={() => void run(reset, u.id)}>
                      Reset TOTP
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {allowed ? (
        <form className="panel form" onSubmit={(e) => void submit(e)} aria-label="New console user">
          <h2>New console user</h2>
          {created ? <p className="notice notice-ok">Created {created}. Give them the password; they can change it under My account.</p> : null}
          <div className="grid2">
            <Field id="a-userName" label="User name" error={fieldError(create.error, 'userName')}>
              <input id="a-userName" value={form.userName} onChange={(e) => setForm({ ...form, userName: e.target.value })} />
            </Field>
            <Field id="a-role" label="Role" error={fieldError(create.error, 'role')}>
              <select id="a-role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>
                {Object.entries(ROLE_TITLES).map(([value, title]) => (
                  <option key={value} value={value}>
                    {title}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="a-password" label="Initial password" error={fieldError(create.error, 'password')} hint="12 characters or more.">
              <input
                id="a-password"
                type="password"
                autoComplete="new-password"
                value={form.password}
                onChange={(e) => setForm({ ...form, password: e.target.value })}
              />
            </Field>
          </div>
          <ErrorNotice error={create.error} fieldsShown={['userName', 'role', 'password']} />
          <button type="submit" className="primary" disabled={create.pending}>
            Create user
          </button>
        </form>
      ) : null}
    </section>
  );
}
