import { maxLength } from '../../db/columnLengths.js';
import { CONSOLE_ROLES, isConsoleRole } from '../../lib/consoleRoles.js';
import { badInput } from '../../lib/DomainError.js';

const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]*$/;
const USER_NAME_MAX = maxLength('gw_admin_user', 'user_name');

/** A console password: 12 to 200 characters, not the user name. */
export function validatePassword(password: string, userName: string, field: string): void {
  if (typeof password !== 'string' || password.length < 12) throw badInput('a password needs at least 12 characters', field, { minimum: 12 });
  if (password.length > 200) throw badInput('a password has at most 200 characters', field, { maximum: 200 });
  if (password.toLowerCase() === userName.toLowerCase()) throw badInput('the password must not be the user name', field);
}

/** A new console user's fields; throws BAD_USER_INPUT naming the input path. */
export function validateAdminUserInput(input: { userName: string; role: string; password: string }): void {
  if (!USER_NAME.test(input.userName ?? '') || input.userName.length > USER_NAME_MAX) {
    throw badInput(`a user name is 1 to ${USER_NAME_MAX} letters, digits, dots, dashes, underscores or @, starting with a letter or digit`, 'input.userName', {
      maximum: USER_NAME_MAX,
    });
  }
  if (!isConsoleRole(input.role)) throw badInput(`role must be one of ${CONSOLE_ROLES.join(', ')}`, 'input.role');
  validatePassword(input.password, input.userName, 'input.password');
}
