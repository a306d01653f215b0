import type { ZodMiniType } from 'zod/mini';

/**
 * One thing Discord would refuse in a request body: where (`path`, as in Discord's
 * "Invalid Form Body" errors), Discord's error code and its message.
 */
export type ApiIssue = { path: (string | number)[]; code: string; message: string };

type ZodIssue = {
  code: string;
  path: PropertyKey[];
  message: string;
  origin?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  expected?: string;
  input?: unknown;
  values?: unknown[];
  format?: string;
  errors?: ZodIssue[][];
};

const pathOf = (path: PropertyKey[]): (string | number)[] => path.map((p) => (typeof p === 'number' ? p : String(p)));

/** Of a union's branches, the one the body meant: the one whose `type` matched, then the one with fewest issues. */
function likeliestBranch(branches: ZodIssue[][]): ZodIssue[] {
  const score = (issues: ZodIssue[]) => issues.length + (issues.some((i) => i.path.length === 1 && i.path[0] === 'type') ? 1000 : 0);
  return [...branches].sort((a, b) => score(a) - score(b))[0] ?? [];
}

const LENGTH_ORIGINS = new Set(['string', 'array', 'set']);

/** Discord's code and wording for one schema failure. */
function asDiscordIssue(issue: ZodIssue, prefix: (string | number)[]): ApiIssue[] {
  const path = [...prefix, ...pathOf(issue.path)];
  switch (issue.code) {
    case 'invalid_union': {
      const branches = issue.errors ?? [];
      const typeMismatch = (i: ZodIssue) => i.code === 'invalid_value' && i.path.length === 1 && i.path[0] === 'type';
      if (branches.length > 0 && branches.every((b) => b.some(typeMismatch))) {
        const types = branches.flatMap((b) => b.filter(typeMismatch).flatMap((i) => i.values ?? []));
        return [{ path: [...path, 'type'], code: 'BASE_TYPE_CHOICES', message: `Value must be one of (${[...new Set(types)].join(', ')}).` }];
      }
      const branch = likeliestBranch(branches);
      if (branch.length === 0) return [{ path, code: 'BASE_TYPE_INVALID', message: 'Invalid value.' }];
      return branch.flatMap((inner) => asDiscordIssue(inner, path));
    }
    case 'too_big':
      return LENGTH_ORIGINS.has(issue.origin ?? '')
        ? [{ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${issue.maximum} or fewer in length.` }]
        : [{ path, code: 'NUMBER_TYPE_MAX', message: `Value should be less than or equal to ${issue.maximum}.` }];
    case 'too_small':
      return LENGTH_ORIGINS.has(issue.origin ?? '')
        ? [{ path, code: 'BASE_TYPE_MIN_LENGTH', message: `Must be ${issue.minimum} or more in length.` }]
        : [{ path, code: 'NUMBER_TYPE_MIN', message: `Value should be greater than or equal to ${issue.minimum}.` }];
    case 'invalid_type':
      return issue.input === undefined
        ? [{ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }]
        : [{ path, code: `${String(issue.expected).toUpperCase()}_TYPE_CONVERT`, message: `Must be of type ${issue.expected}.` }];
    case 'invalid_value':
      return [{ path, code: 'BASE_TYPE_CHOICES', message: `Value must be one of (${(issue.values ?? []).map((v) => JSON.stringify(v)).join(', ')}).` }];
    case 'invalid_format':
      return [{ path, code: issue.format === 'url' ? 'URL_TYPE_INVALID_URL' : 'BASE_TYPE_INVALID', message: `Not a valid ${issue.format}.` }];
    default:
      return [{ path, code: 'BASE_TYPE_INVALID', message: issue.message }];
  }
}

/** What Discord's published schema refuses in `body`, in Discord's terms; empty when it conforms. */
export function schemaIssues(schema: ZodMiniType, body: unknown, prefix: (string | number)[] = []): ApiIssue[] {
  const result = schema.safeParse(body, { reportInput: true });
  if (result.success) return [];
  return (result.error.issues as ZodIssue[]).flatMap((issue) => asDiscordIssue(issue, prefix));
}

/** One issue per field and code: a limit checked both by the schema and outside it is reported once. */
export function uniqueIssues(issues: ApiIssue[]): ApiIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path.join('.')}|${issue.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
