/**
 * Folder-level import graph of `src/`: which folder imports which, and the
 * cycles among them (type imports and dynamic imports included).
 *
 *   npx tsx scripts/folder-imports.ts          # edges, then cycles; exits 1 on a cycle
 *
 * A file directly under `src/` is its own node, named after the file (`config.ts`);
 * a file in a folder belongs to the folder's first level (`src/discord/commands/x.ts` is `discord`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type ImportEdge = { from: string; to: string; files: string[] };

// Static imports and re-exports (`import … from`, `export … from`, `import '…'`) and dynamic `import('…')`.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|mts)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The node a file under `srcDir` belongs to, or undefined outside it. */
export function nodeOf(srcDir: string, file: string): string | undefined {
  const relative = path.relative(srcDir, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  const parts = relative.split(path.sep);
  return parts[0];
}

/** Every import between two different nodes, with the files that make it. */
export function folderImportEdges(srcDir: string): ImportEdge[] {
  const edges = new Map<string, ImportEdge>();
  for (const file of sourceFiles(srcDir)) {
    const from = nodeOf(srcDir, file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(SPECIFIER)) {
      const target = path.resolve(path.dirname(file), match[1] as string);
      const to = nodeOf(srcDir, target);
      if (!from || !to || from === to) continue;
      const key = `${from} -> ${to}`;
      const edge = edges.get(key) ?? { from, to, files: [] };
      const relative = path.relative(srcDir, file);
      if (!edge.files.includes(relative)) edge.files.push(relative);
      edges.set(key, edge);
    }
  }
  return [...edges.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

/** Groups of nodes that reach each other (strongly connected components of more than one node), each sorted. */
export function importCycles(edges: ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) {
    next.set(from, [...(next.get(from) ?? []), to]);
    if (!next.has(to)) next.set(to, []);
  }
  // Tarjan's algorithm.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const target of next.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node) as number, low.get(target) as number));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node) as number, index.get(target) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of [...next.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles.sort((a, b) => (a[0] as string).localeCompare(b[0] as string));
}

function main(): number {
  const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');
  const edges = folderImportEdges(srcDir);
  for (const edge of edges) console.log(`${edge.from} -> ${edge.to}  (${edge.files.join(', ')})`);
  const cycles = importCycles(edges);
  for (const cycle of cycles) {
    const members = new Set(cycle);
    console.log(`\ncycle: ${cycle.join(', ')}`);
    for (const edge of edges) if (members.has(edge.from) && members.has(edge.to)) console.log(`  ${edge.from} -> ${edge.to}  (${edge.files.join(', ')})`);
  }
  if (cycles.length === 0) console.log('\nno cycle between folders');
  return cycles.length === 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
