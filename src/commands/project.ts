import { z } from 'zod';
import { addProject, listProjects } from '../members/store.ts';
import { type CommandDefinition, defineAction } from './registry.ts';

const url = z
  .string()
  .trim()
  .max(300, { error: 'must be at most 300 characters' })
  .refine((v) => /^https?:\/\/\S+$/.test(v), { error: 'must be a link starting with http:// or https://' });

export const projectCommand: CommandDefinition = {
  name: 'project',
  description: 'Your portfolio: the projects that prove your ML skills',
  subcommands: {
    add: defineAction({
      description: 'Add a portfolio project',
      options: {
        name: { description: 'Project name', schema: z.string().trim().min(2).max(100) },
        url: { description: 'Link (GitHub, demo, write-up)', schema: url.optional() },
        summary: { description: 'What it does and what it shows, in a sentence', schema: z.string().trim().max(500).optional() },
      },
      run: async ({ deps, inbound }, options) => {
        addProject(deps.db, inbound.memberId, { name: options.name, url: options.url, summary: options.summary }, deps.now());
        return { text: `Added ${options.name} to your portfolio. /project list shows them all; /undo removes it.`, citations: [] };
      },
    }),
    list: defineAction({
      description: 'List your portfolio projects',
      options: {},
      run: async ({ deps, inbound }) => {
        const projects = listProjects(deps.db, inbound.memberId);
        if (projects.length === 0) {
          return {
            text: 'No projects yet. The guides agree a deployed, monitored project counts more than certificates: /project add name:"…" url:… summary:"…"',
            citations: [],
          };
        }
        return {
          text: projects.map((p, i) => `${i + 1}. **${p.name}**${p.url ? ` <${p.url}>` : ''}${p.summary ? `: ${p.summary}` : ''}`).join('\n'),
          citations: [],
        };
      },
    }),
  },
};
