/** What the webhook admin service needs from the events module (built from the configuration by main.ts). */
export interface WebhookPolicy {
  /** BAD_USER_INPUT naming `field` unless chartgate may call this URL (the SSRF rule) */
  checkUrl(url: string, field: string): Promise<void>;
  /** a new signing secret */
  newSecret(): string;
  /** WEBHOOKS_SECRET_GRACE_S: how long a rotated-out secret keeps signing by default */
  readonly secretGraceS: number;
}
