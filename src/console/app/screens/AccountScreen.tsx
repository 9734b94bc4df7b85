import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { Field, fieldError } from '../components/Field';
import { ROLE_TITLES, useSession } from '../lib/session';
import { useMutation } from '../lib/useMutation';

const PASSWORD = `mutation ChangeMyPassword($input: ChangeMyPasswordInput!) { changeMyPassword(input: $input) { adminUser { id } } }`;
const BEGIN = `mutation BeginTotp { beginTotpEnrollment { secret uri } }`;
const CONFIRM = `mutation ConfirmTotp($input: ConfirmTotpInput!) { confirmTotpEnrollment(input: $input) { adminUser { id totpEnabled } } }`;

/** Your own password and TOTP (every role may change its own). */
export function AccountScreen() {
  const { session, refresh } = useSession();
  const password = useMutation(PASSWORD);
  const begin = useMutation<{ beginTotpEnrollment: { secret: string; uri: string } }>(BEGIN);
  const confirm = useMutation(CONFIRM);
  const [pw, setPw] = useState({ currentPassword: '', newPassword: '' });
  const [changed, setChanged] = useState(false);
  const [enrolment, setEnrolment] = useState<{ secret: string; uri: string }>();
  const [code, setCode] = useState('');

  const changePassword = async (e: FormEvent) => {
    e.preventDefault();
    setChanged(false);
    if (await password.run({ input: pw })) {
      setChanged(true);
      setPw({ currentPassword: '', newPassword: '' });
    }
  };
  const confirmTotp = async (e: FormEvent) => {
    e.preventDefault();
    if (await confirm.run({ input: { code } })) {
      setEnrolment(undefined);
      await refresh();
    }
  };

  return (
    <section>
      <h1>My account</h1>
      <p>
        {session.user.userName} · {ROLE_TITLES[session.user.role]} · scopes {session.scopes.join(' ')}
      </p>
      <form className="panel form" onSubmit={(e) => void changePassword(e)} aria-label="Change password">
        <h2>Password</h2>
        {changed ? <p className="notice notice-ok">Password changed; your other sessions were signed out.</p> : null}
        <Field id="currentPassword" label="Current password" error={fieldError(password.error, 'currentPassword')}>
          <input
            id="currentPassword"
            type="password"
            autoComplete="current-password"
            value={pw.currentPassword}
            onChange={(e) => setPw({ ...pw, currentPassword: e.target.value })}
          />
        </Field>
        <Field id="newPassword" label="New password" error={fieldError(password.error, 'newPassword')} hint="12 characters or more.">
          <input
            id="newPassword"
            type="password"
            autoComplete="new-password"
            value={pw.newPassword}
            onChange={(e) => setPw({ ...pw, newPassword: e.target.value })}
          />
        </Field>
        <ErrorNotice error={password.error} fieldsShown={['currentPassword', 'newPassword']} />
        <button type="submit" className="primary" disabled={password.pending}>
          Change password
        </button>
      </form>
      <section className="panel">
        <h2>Two-step sign-in (TOTP)</h2>
        <p>{session.user.totpEnabled ? 'On: signing in asks for a code from your authenticator app.' : 'Off: signing in asks only for your password.'}</p>
        {enrolment ? (
          <form className="form" onSubmit={(e) => void confirmTotp(e)} aria-label="Confirm TOTP">
            <p>
              Add this secret to your authenticator app (or open the link on the device): <code className="secret">{enrolment.secret}</code>
            </p>
            <p>
              <a href={enrolment.uri}>{enrolment.uri}</a>
            </p>
            <Field id="totpCode" label="Code from the app" error={fieldError(confirm.error, 'code')}>
              <input id="totpCode" inputMode="numeric" value={code} onChange={(e) => setCode(e.target.value)} />
            </Field>
            <ErrorNotice error={confirm.error} fieldsShown={['code']} />
            <button type="submit" className="primary" disabled={confirm.pending}>
              Turn on TOTP
            </button>
          </form>
        ) : (
          <button
            type="button"
            onClick={async () => {
              const r = await begin.run();
              if (r) setEnrolment(r.beginTotpEnrollment);
            }}
          >
            {session.user.totpEnabled ? 'Replace my TOTP secret' : 'Set up TOTP'}
          </button>
        )}
        <ErrorNotice error={begin.error} />
      </section>
    </section>
  );
}
