import type { Client } from 'discord.js';
import type { KeyedQueue } from '../../core/keyed-queue.ts';
import type { Logger } from '../../log.ts';
import type { App } from '../../main.ts';
import type { Caller, coreRoles } from '../roles.ts';

/** What every interaction handler works with; built once by the bot. */
export type InteractionContext = {
  app: App;
  client: Client;
  /** One member's work at a time, in order: their messages, commands and button presses. */
  queue: KeyedQueue;
  log: Logger;
  /** Members whose last reply did not get through; their next reply starts with an apology. */
  owedApology: Set<string>;
  rolesOf(caller: Caller): ReturnType<typeof coreRoles>;
  /** True once the bot is shutting down: new commands are turned away. */
  stopping(): boolean;
};
