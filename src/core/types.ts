/** Where a message came from. A conversation is a DM, a Discord thread or a terminal session. */
export type Origin = {
  kind: 'dm' | 'group' | 'terminal' | 'cli';
  conversationId: string;
  /** The channel the message came from (terminal: "terminal"), for study groups. */
  channelId?: string;
  /** The guild of a shared channel; study-group names are unique within it. */
  guildId?: string;
};

/** What an adapter hands the core: plain data, no transport types. */
export type Inbound = {
  memberId: string;
  displayName?: string;
  origin: Origin;
  text: string;
  roles?: string[];
  /** Why the adapter cannot tell the caller's roles (a setting is missing): the refusal a role-only command gives. */
  rolesUnknown?: string;
};

export type Citation = { id: string; source: string; title: string };

export type AnswerMode = 'llm' | 'offline';

/** What the core hands back for an adapter to render. */
export type Reply = {
  text: string;
  citations: Citation[];
  /** Undefined when no answer was attempted (help, refusal, rate limit). */
  mode?: AnswerMode;
  model?: string;
  usage?: { promptTokens: number; completionTokens: number };
  latencyMs?: number;
  /** The stored turn this answers, for feedback. */
  turnId?: number;
  /** A state change waiting for the member's yes or no. */
  proposal?: { id: number; title: string };
  /** A file to hand over with the text (Discord: an attachment; terminal: printed after the text). */
  attachment?: { name: string; content: string };
  /**
   * Who may see the reply. `private`: only the member (Discord: ephemeral);
   * `dm`: sent to the member's DMs, with a short private note where they asked.
   */
  visibility?: 'private' | 'dm';
  /** A command line the member can confirm with one click (Discord: a button; terminal: typed). */
  confirm?: { label: string; line: string };
};
