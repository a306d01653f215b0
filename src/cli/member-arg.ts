import { UserFacingError } from '../core/errors.ts';
import { isMemberId, MEMBER_ID_RULE } from '../core/member-id.ts';

/** The `--member` value, checked before anything is opened: missing (with `usage`) or not an id is refused. */
export function memberIdArgument(value: string | undefined, usage = '--member needs an id.'): string {
  const id = value?.trim();
  if (!id) throw new UserFacingError(usage);
  if (!isMemberId(id))
    throw new UserFacingError(`--member must be ${MEMBER_ID_RULE} (got "${[...id].slice(0, 30).join('')}${[...id].length > 30 ? '…' : ''}").`);
  return id;
}
