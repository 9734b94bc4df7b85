import { useState, type FormEvent } from 'react';
import type { ApiError } from '../api/ApiError';
import { splitIds, splitList } from '../lib/format';
import { ALL_SCOPES } from '../lib/scopes';
import { ErrorNotice } from './ErrorNotice';
import { Field, fieldError } from './Field';

export interface ClientFormValues {
  name: string;
  vendor: string;
  kind: string;
  class: string;
  scopes: string[];
  clinics: string;
  ips: string;
  mode: string;
  trustedOnly: boolean;
  allowIntrospection: boolean;
  mayActForStaff: boolean;
  staff: string;
  limits: string;
}

export const EMPTY_CLIENT: ClientFormValues = {
  name: '',
  vendor: '',
  kind: 'DASHBOARD',
  class: '',
  scopes: [],
  clinics: '',
  ips: '',
  mode: 'enforce',
  trustedOnly: false,
  allowIntrospection: false,
  mayActForStaff: false,
  staff: '',
  limits: '',
};

/** The GraphQL input of the form's values: the server checks every rule and names the field it refuses. */
export function toClientInput(v: ClientFormValues): Record<string, unknown> {
  return {
    name: v.name,
    vendor: v.vendor,
    kind: v.kind,
    ...(v.class ? { class: v.class } : {}),
    scopes: v.scopes,
    clinicIds: splitIds(v.clinics),
    ipAllowList: splitList(v.ips),
    mode: v.mode,
    trustedOnly: v.trustedOnly,
    allowIntrospection: v.allowIntrospection,
    mayActForStaff: v.mayActForStaff,
    staffUserIds: splitIds(v.staff),
  };
}

/** The fields of an integration client; each shows the server's message for its own input path. */
export function ClientForm(props: {
  initial: ClientFormValues;
  submitLabel: string;
  pending: boolean;
  error?: ApiError;
  withLimits?: boolean;
  readOnly?: boolean;
  onSubmit: (values: ClientFormValues) => void;
}) {
  const [v, setV] = useState(props.initial);
  const set = <K extends keyof ClientFormValues>(key: K, value: ClientFormValues[K]) => setV((old) => ({ ...old, [key]: value }));
  const err = (name: string) => fieldError(props.error, name);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSubmit(v);
  };
  const ro = props.readOnly ?? false;
  return (
    <form className="form" onSubmit={submit} aria-label="Client">
      <fieldset disabled={ro}>
        <div className="grid2">
          <Field id="name" label="Name" error={err('name')}>
            <input id="name" value={v.name} onChange={(e) => set('name', e.target.value)} />
          </Field>
          <Field id="vendor" label="Vendor" error={err('vendor')}>
            <input id="vendor" value={v.vendor} onChange={(e) => set('vendor', e.target.value)} />
          </Field>
          <Field id="kind" label="Kind" error={err('kind')}>
            <select id="kind" value={v.kind} onChange={(e) => set('kind', e.target.value)}>
              <option value="DASHBOARD">dashboard</option>
              <option value="DSO">DSO</option>
              <option value="INTERNAL">internal</option>
            </select>
          </Field>
          <Field id="class" label="Class" error={err('class')} hint="How the governor shares the database: interactive first, bulk last.">
            <select id="class" value={v.class} onChange={(e) => set('class', e.target.value)}>
              <option value="">default for the kind</option>
              <option value="INTERACTIVE">interactive</option>
              <option value="REPORTING">reporting</option>
              <option value="BULK">bulk</option>
            </select>
          </Field>
        </div>
        <Field id="scopes" label="Scopes" error={err('scopes')}>
          <div className="scopes" id="scopes">
            {ALL_SCOPES.map((s) => (
              <label key={s} className="check">
                <input
                  type="checkbox"
                  name="scope"
                  value={s}
                  checked={v.scopes.includes(s)}
                  onChange={(e) => set('scopes', e.target.checked ? [...v.scopes, s] : v.scopes.filter((x) => x !== s))}
                />
                {s}
              </label>
            ))}
          </div>
        </Field>
        <div className="grid2">
          <Field id="clinics" label="Clinics (ClinicNums)" error={err('clinicIds')} hint="Comma-separated; empty = every clinic.">
            <input id="clinics" value={v.clinics} onChange={(e) => set('clinics', e.target.value)} />
          </Field>
          <Field id="ips" label="IP allow list" error={err('ipAllowList')} hint="Addresses or CIDRs, comma-separated; empty = any address.">
            <input id="ips" value={v.ips} onChange={(e) => set('ips', e.target.value)} />
          </Field>
          <Field id="mode" label="Governor mode" error={err('mode')} hint="measure reports what enforce would refuse, without refusing.">
            <select id="mode" value={v.mode} onChange={(e) => set('mode', e.target.value)}>
              <option value="enforce">enforce</option>
              <option value="measure">measure</option>
            </select>
          </Field>
          <Field id="staff" label="Staff it may act for (UserNums)" error={err('staffUserIds')} hint="Used with “may act for staff”.">
            <input id="staff" value={v.staff} onChange={(e) => set('staff', e.target.value)} />
          </Field>
        </div>
        <div className="checks">
          <label className="check">
            <input type="checkbox" checked={v.trustedOnly} onChange={(e) => set('trustedOnly', e.target.checked)} /> trusted operations only
          </label>
          <label className="check">
            <input type="checkbox" checked={v.allowIntrospection} onChange={(e) => set('allowIntrospection', e.target.checked)} /> may introspect the schema
          </label>
          <label className="check">
            <input type="checkbox" checked={v.mayActForStaff} onChange={(e) => set('mayActForStaff', e.target.checked)} /> may act for staff (X-Acting-User)
          </label>
        </div>
        {props.withLimits ? (
          <Field id="limits" label="Limits (JSON)" error={err('limits')} hint='e.g. {"maxCost": 20000, "maxInFlight": 2}; empty = the global limits.'>
            <textarea id="limits" rows={3} value={v.limits} onChange={(e) => set('limits', e.target.value)} />
          </Field>
        ) : null}
      </fieldset>
      <ErrorNotice
        error={props.error}
        fieldsShown={['name', 'vendor', 'kind', 'class', 'scopes', 'clinicIds', 'ipAllowList', 'mode', 'staffUserIds', 'limits']}
      />
      {ro ? null : (
        <div className="actions">
          <button type="submit" className="primary" disabled={props.pending}>
            {props.pending ? 'Saving…' : props.submitLabel}
          </button>
        </div>
      )}
    </form>
  );
}
