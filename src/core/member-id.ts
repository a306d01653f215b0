/**
 * A member id as we store it: a Discord id (a snowflake, at most 20 digits) or,
 * for the terminal and the CLI, a name of at most 64 letters, digits, `.`, `_`
 * or `-` that is not all digits.
 */
export function isMemberId(id: string): boolean {
  return /^\d{1,20}$/.test(id) || (/^[\w.-]{1,64}$/.test(id) && !/^\d+$/.test(id));
}

export const MEMBER_ID_RULE = 'a Discord id (up to 20 digits) or a name of up to 64 letters, digits, ".", "_" or "-"';
