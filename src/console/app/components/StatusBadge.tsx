/** A coloured pill: ACTIVE green, SUSPENDED/REVOKED red, the rest grey. */
export function StatusBadge({ status }: { status: string }) {
  const tone = /^(ACTIVE|OK|LIVE)$/.test(status) ? 'good' : /^(SUSPENDED|REVOKED|DISABLED|OFF|GONE)$/.test(status) ? 'bad' : 'neutral';
  return <span className={`badge badge-${tone}`}>{status.toLowerCase()}</span>;
}
