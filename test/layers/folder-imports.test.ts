import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderImportEdges, importCycles } from '../../scripts/folder-imports.ts';

const SRC = path.resolve(import.meta.dirname, '../../src');

describe('folder imports', () => {
  it('finds a cycle through type imports and nested folders', () => {
    const edges = [
      { from: 'checkins', to: 'groups', files: [] },
      { from: 'groups', to: 'checkins', files: [] },
      { from: 'groups', to: 'core', files: [] },
      { from: 'answer', to: 'interview', files: [] },
      { from: 'interview', to: 'resume', files: [] },
      { from: 'resume', to: 'answer', files: [] },
    ];
    expect(importCycles(edges)).toEqual([
      ['answer', 'interview', 'resume'],
      ['checkins', 'groups'],
    ]);
  });

  it('reads the folders of src/ and the imports between them', () => {
    const edges = folderImportEdges(SRC);
    // A type import (core/deps.ts imports Db as a type) and a dynamic import (cli/main.ts) both count.
    expect(edges).toContainEqual(expect.objectContaining({ from: 'core', to: 'db', files: expect.arrayContaining(['core/deps.ts']) }));
    expect(edges).toContainEqual(expect.objectContaining({ from: 'cli', to: 'planner', files: expect.arrayContaining([path.join('cli', 'main.ts')]) }));
    // A file in a nested folder belongs to the top folder.
    expect(edges).toContainEqual(
      expect.objectContaining({ from: 'discord', to: 'commands', files: expect.arrayContaining([path.join('discord', 'commands', 'definitions.ts')]) }),
    );
  });

  it('has no cycle between the folders of src/', () => {
    const edges = folderImportEdges(SRC);
    const cycles = importCycles(edges).map((cycle) => {
      const inCycle = edges.filter((edge) => cycle.includes(edge.from) && cycle.includes(edge.to));
      return inCycle.map((edge) => `${edge.from} -> ${edge.to} (${edge.files.join(', ')})`);
    });
    expect(cycles).toEqual([]);
  });
});
