import type { AdminUserView } from '../../src/services/admins/adminUsers.service.js';

/** 'system-administrator' <-> SYSTEM_ADMINISTRATOR */
const roleToEnum = (role: string): string => role.toUpperCase().replace(/-/g, '_');
export const roleFromEnum = (value: string): string => value.toLowerCase().replace(/_/g, '-');

/** AdminUser's field resolvers: enum casing and the userod id; the rest is the view as is. */
export const AdminUser = {
  role: (u: AdminUserView) => roleToEnum(u.role),
  status: (u: AdminUserView) => u.status.toUpperCase(),
  userId: (u: AdminUserView) => u.userNum,
};
