import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Pivot's own folder (the one holding package.json), found from this file, so
 * knowledge/, prompts/ and drizzle/ resolve the same whether the code runs
 * from src/ through tsx or compiled into dist/.
 */
function findPackageRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** A folder shipped with Pivot, such as `knowledge`. */
export const packagePath = (name: string) => resolve(PACKAGE_ROOT, name);
