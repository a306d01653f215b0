import { describe, expect, it } from 'vitest';
import { type CustomId, CustomIdTooLongError, customId, MAX_CUSTOM_ID_LENGTH, parseCustomId } from '../../src/discord/custom-ids.ts';
import { NO_MENTIONS } from '../../src/discord/render.ts';
import { toMessageOptions } from '../../src/discord/send.ts';

describe('custom ids', () => {
  it('reads back every kind of custom id as it was written', () => {
    const ids: CustomId[] = [
      { kind: 'feedback', turnId: 42, helpful: true },
      { kind: 'feedback', turnId: 42, helpful: false },
      { kind: 'confirm', line: '/forget confirm:yes' },
      { kind: 'proposal', proposalId: 7, accept: true },
      { kind: 'proposal', proposalId: 7, accept: false },
      { kind: 'checkin', week: '2026-W48', choice: 'on-track' },
      { kind: 'checkin', week: '2026-W48', choice: 'stuck' },
      { kind: 'checkin', week: '2026-W48', choice: 'skip' },
      { kind: 'checkin', week: '2026-W48', choice: 'remind' },
      { kind: 'checkin', week: '2026-W48', choice: 'stuck', reminder: true },
      { kind: 'checkin-done', week: '2026-W48' },
      { kind: 'checkin-stuck', week: '2026-W48' },
    ];
    for (const id of ids) expect(parseCustomId(customId(id))).toEqual(id);
    expect(parseCustomId('someone-else:1:2')).toBeUndefined();
  });

  it('keeps a confirm line that fits whole, colons and quotes included', () => {
    const line = `/profile set role:"Backend engineer" ${'x'.repeat(MAX_CUSTOM_ID_LENGTH - 45)}`;
    expect(parseCustomId(customId({ kind: 'confirm', line }))).toEqual({ kind: 'confirm', line });
  });

  it('refuses a confirm line too long for a custom id instead of cutting it into another command', () => {
    const line = `/forget confirm:yes ${'note:'.repeat(20)}`;
    expect(() => customId({ kind: 'confirm', line })).toThrow(CustomIdTooLongError);
    expect(() => customId({ kind: 'confirm', line })).toThrow(/confirm component's custom id is \d+ characters; Discord allows 100/);
    expect(() => toMessageOptions({ content: 'Sure?', allowedMentions: NO_MENTIONS, confirm: { label: 'Yes', line } })).toThrow(CustomIdTooLongError);
  });
});
