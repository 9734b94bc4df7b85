/** The admin service's views, as resolvers and the CLI see them (their shape is the gateway tables'). */
export type { ApiKeyView, ClientView, CreateClientInput, IssuedKey, RequestLogEntry, RequestLogFilter } from '../../gateway/clients/types.js';
