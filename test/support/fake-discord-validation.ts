/**
 * The loopback Discord's form-body checks: every request body the bot sends is held against Discord's published
 * schemas (the zod schemas of the `discord-api-spec` package, pinned in package.json) and against the documented
 * limits the schemas leave out or state more loosely than Discord enforces them for a bot. An invalid body gets
 * what Discord answers: 400 `{ code: 50035, message: "Invalid Form Body", errors }`, with `errors` nested by field
 * path (`{ content: { _errors: [{ code, message }] } }`, `{ options: { 0: { max_length: { _errors: […] } } } }`).
 */
import * as spec from 'discord-api-spec/zod';
import type { ZodMiniType } from 'zod/mini';
import { type ApiIssue, schemaIssues, uniqueIssues } from '../../src/discord/api-schema.ts';
import { commandIssues, commandListIssues } from '../../src/discord/commands/command-limits.ts';

/** Discord's limits that the bot depends on, as the loopback Discord enforces them. */
export const DISCORD_LIMITS = {
  messageContent: 2000,
  actionRows: 5,
  componentsPerRow: 5,
  customId: 100,
  modalTitle: 45,
  textInputLabel: 45,
  textInput: 4000,
  threadName: 100,
} as const;

const IS_COMPONENTS_V2 = 1 << 15;
const COMPONENT = { ActionRow: 1, Button: 2, TextInput: 4, Label: 18 } as const;
const SELECT_MENUS = new Set([3, 5, 6, 7, 8]);
const LINK_BUTTON_STYLES = new Set([5, 6]);

type Json = Record<string, unknown>;
type Path = (string | number)[];
const asJson = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

const tooLong = (path: Path, max: number): ApiIssue => ({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });

function stringLimit(value: unknown, path: Path, max: number, min = 0): ApiIssue[] {
  if (typeof value !== 'string') return [];
  if (value.length > max) return [tooLong(path, max)];
  if (value.length < min) return [{ path, code: 'BASE_TYPE_MIN_LENGTH', message: `Must be ${min} or more in length.` }];
  return [];
}

/** Custom ids: at most 100 characters each, and unique within one message or modal. */
function customIdIssues(components: { component: Json; path: Path }[]): ApiIssue[] {
  const issues: ApiIssue[] = [];
  const seen = new Set<string>();
  for (const { component, path } of components) {
    const id = component.custom_id;
    if (typeof id !== 'string') continue;
    issues.push(...stringLimit(id, [...path, 'custom_id'], DISCORD_LIMITS.customId, 1));
    if (seen.has(id))
      issues.push({ path: [...path, 'custom_id'], code: 'COMPONENT_CUSTOM_ID_DUPLICATED', message: 'Component custom id cannot be duplicated' });
    seen.add(id);
  }
  return issues;
}

/**
 * Legacy message components: up to 5 action rows of up to 5 buttons, or one select menu per row; a button other
 * than a link or premium one needs a custom id.
 */
function componentIssues(body: Json, prefix: Path): ApiIssue[] {
  if (body.components === undefined || body.components === null) return [];
  const rows = listOf(body.components);
  const at = [...prefix, 'components'];
  if ((Number(body.flags ?? 0) & IS_COMPONENTS_V2) !== 0) return [];
  const issues: ApiIssue[] = [];
  if (rows.length > DISCORD_LIMITS.actionRows) issues.push(tooLong(at, DISCORD_LIMITS.actionRows));
  const inner: { component: Json; path: Path }[] = [];
  rows.forEach((raw, r) => {
    const row = asJson(raw);
    const rowPath = [...at, r];
    if (row.type !== COMPONENT.ActionRow) {
      issues.push({
        path: [...rowPath, 'type'],
        code: 'BASE_TYPE_CHOICES',
        message: 'Value must be one of (1) unless the message has the IS_COMPONENTS_V2 flag.',
      });
      return;
    }
    const children = listOf(row.components);
    if (children.length > DISCORD_LIMITS.componentsPerRow) issues.push(tooLong([...rowPath, 'components'], DISCORD_LIMITS.componentsPerRow));
    children.forEach((rawChild, c) => {
      const child = asJson(rawChild);
      const childPath = [...rowPath, 'components', c];
      inner.push({ component: child, path: childPath });
      if (SELECT_MENUS.has(Number(child.type)) && children.length > 1) {
        issues.push({ path: childPath, code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', message: 'The specified component exceeds the maximum width' });
      }
      if (child.type === COMPONENT.Button) {
        const link = LINK_BUTTON_STYLES.has(Number(child.style));
        if (!link && typeof child.custom_id !== 'string') {
          issues.push({ path: [...childPath, 'custom_id'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
        }
      }
    });
  });
  issues.push(...customIdIssues(inner));
  return issues;
}

/** A message body (create, edit, interaction reply or update, webhook send or edit). */
function messageIssues(body: Json, prefix: Path): ApiIssue[] {
  return [...stringLimit(body.content, [...prefix, 'content'], DISCORD_LIMITS.messageContent), ...componentIssues(body, prefix)];
}

/** A modal: title up to 45 characters, text inputs (in action rows or labels) up to 4,000. */
function modalIssues(data: Json, prefix: Path): ApiIssue[] {
  const issues = [
    ...stringLimit(data.title, [...prefix, 'title'], DISCORD_LIMITS.modalTitle, 1),
    ...stringLimit(data.custom_id, [...prefix, 'custom_id'], DISCORD_LIMITS.customId, 1),
  ];
  const inputs: { component: Json; path: Path }[] = [];
  listOf(data.components).forEach((raw, r) => {
    const top = asJson(raw);
    const topPath = [...prefix, 'components', r];
    if (top.type === COMPONENT.ActionRow) {
      listOf(top.components).forEach((child, c) => {
        inputs.push({ component: asJson(child), path: [...topPath, 'components', c] });
      });
    } else if (top.type === COMPONENT.Label) {
      inputs.push({ component: asJson(top.component), path: [...topPath, 'component'] });
    }
  });
  for (const { component, path } of inputs) {
    if (component.type !== COMPONENT.TextInput) continue;
    issues.push(...stringLimit(component.value, [...path, 'value'], DISCORD_LIMITS.textInput));
    issues.push(...stringLimit(component.label, [...path, 'label'], DISCORD_LIMITS.textInputLabel, 1));
    for (const field of ['min_length', 'max_length'] as const) {
      const value = component[field];
      if (typeof value === 'number' && value > DISCORD_LIMITS.textInput) {
        issues.push({ path: [...path, field], code: 'NUMBER_TYPE_MAX', message: `Value should be less than or equal to ${DISCORD_LIMITS.textInput}.` });
      }
    }
  }
  issues.push(...customIdIssues(inputs));
  return issues;
}

const threadIssues = (body: Json): ApiIssue[] => stringLimit(body.name, ['name'], DISCORD_LIMITS.threadName, 1);

const union =
  (...schemas: ZodMiniType[]) =>
  (body: unknown) => {
    const attempts = schemas.map((schema) => schemaIssues(schema, body));
    return attempts.find((issues) => issues.length === 0) ?? attempts.sort((a, b) => a.length - b.length)[0] ?? [];
  };

const CALLBACK_SCHEMAS: Record<number, ZodMiniType> = {
  1: spec.PongInteractionCallbackRequestSchema,
  4: spec.CreateMessageInteractionCallbackRequestSchema,
  5: spec.CreateMessageInteractionCallbackRequestSchema,
  6: spec.UpdateMessageInteractionCallbackRequestSchema,
  7: spec.UpdateMessageInteractionCallbackRequestSchema,
  8: spec.ApplicationCommandAutocompleteCallbackRequestSchema,
  9: spec.ModalInteractionCallbackRequestSchema,
  12: spec.LaunchActivityInteractionCallbackRequestSchema,
};

function interactionCallbackIssues(body: unknown): ApiIssue[] {
  const callback = asJson(body);
  const type = Number(callback.type);
  const schema = CALLBACK_SCHEMAS[type];
  if (!schema) {
    return [{ path: ['type'], code: 'BASE_TYPE_CHOICES', message: `Value must be one of (${Object.keys(CALLBACK_SCHEMAS).join(', ')}).` }];
  }
  const data = asJson(callback.data);
  const limits = type === 4 || type === 7 ? messageIssues(data, ['data']) : type === 9 ? modalIssues(data, ['data']) : [];
  return [...limits, ...schemaIssues(schema, body)];
}

type BodyCheck = (body: unknown) => ApiIssue[] | Promise<ApiIssue[]>;

const message =
  (schema: ZodMiniType): BodyCheck =>
  (body) => [...messageIssues(asJson(body), []), ...schemaIssues(schema, body)];

/** The checks per route, keyed by method and the fake's route pattern. Routes without a body have none. */
const BODY_CHECKS: Record<string, BodyCheck> = {
  'PUT /applications/:appId/commands': commandListIssues,
  'PUT /applications/:appId/guilds/:guildId/commands': commandListIssues,
  'POST /applications/:appId/commands': commandIssues,
  'POST /applications/:appId/guilds/:guildId/commands': commandIssues,
  'POST /channels/:channelId/messages': message(spec.MessageCreateRequestSchema),
  'PATCH /channels/:channelId/messages/:messageId': message(spec.MessageEditRequestPartialSchema),
  'POST /channels/:channelId/messages/:messageId/threads': (body) => [
    ...threadIssues(asJson(body)),
    ...schemaIssues(spec.CreateTextThreadWithMessageRequestSchema, body),
  ],
  'POST /channels/:channelId/threads': (body) => [
    ...threadIssues(asJson(body)),
    ...union(spec.CreateTextThreadWithoutMessageRequestSchema, spec.CreateForumThreadRequestSchema)(body),
  ],
  'POST /interactions/:interactionId/:token/callback': interactionCallbackIssues,
  'POST /webhooks/:appId/:token': message(spec.IncomingWebhookRequestPartialSchema),
  'PATCH /webhooks/:appId/:token/messages/:messageId': message(spec.IncomingWebhookUpdateRequestPartialSchema),
  'POST /users/@me/channels': (body) => schemaIssues(spec.CreatePrivateChannelRequestSchema, body),
};

/** Discord's nested `errors` object: one level per path segment, `_errors` where the field is. */
export function formErrors(issues: ApiIssue[]): Json {
  const root: Json = {};
  for (const issue of issues) {
    let node = root;
    for (const key of issue.path) {
      const next = asJson(node[key]);
      node[key] = next;
      node = next;
    }
    const errors = Array.isArray(node._errors) ? node._errors : [];
    errors.push({ code: issue.code, message: issue.message });
    node._errors = errors;
  }
  return root;
}

/** The field paths an "Invalid Form Body" answer names, dotted (`options.0.max_length`; `_` for the body itself). */
export function invalidFields(errorBody: unknown): string[] {
  const fields: string[] = [];
  const walk = (node: Json, path: string[]) => {
    if (Array.isArray(node._errors)) fields.push(path.length > 0 ? path.join('.') : '_');
    for (const [key, value] of Object.entries(node)) if (key !== '_errors') walk(asJson(value), [...path, key]);
  };
  walk(asJson(asJson(errorBody).errors), []);
  return fields;
}

/** The 400 answer for an invalid body on this route, or undefined when the body is valid (or the route takes none). */
export async function checkFormBody(method: string, pattern: string, body: unknown): Promise<{ status: 400; body: Json } | undefined> {
  const check = BODY_CHECKS[`${method} ${pattern}`];
  if (!check) return undefined;
  const issues = uniqueIssues(await check(body));
  if (issues.length === 0) return undefined;
  return { status: 400, body: { code: 50035, message: 'Invalid Form Body', errors: formErrors(issues) } };
}
