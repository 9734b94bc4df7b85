/** gw_client.limits as stored (JSON text): an object, or null when absent or unparseable (a bad row never loosens a limit). */
export function parseStoredLimits(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
