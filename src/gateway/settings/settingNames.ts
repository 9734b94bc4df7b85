/** gw_setting rows chartgate reads and writes. */
export const SETTING_API_ENABLED = 'api_enabled';
/** the admin's public reason shown with API_DISABLED */
export const SETTING_API_DISABLED_REASON = 'api_disabled_reason';
/** a random value replaced on every client/key/token change, so pollers on every instance reload */
export const SETTING_IDENTITY_EPOCH = 'identity_epoch';
