/**
 * Opens a series of new database files, each at the same moment as the other
 * processes running this script (see barrier.ts), as a bot and a CLI started
 * together on a fresh install would. Reports what each open did.
 *
 * Usage: node --import tsx opener.ts <database file>...
 */
import { openDatabase } from '../../../src/db/client.ts';
import { barrier, report } from './barrier.ts';

const opened: { path: string; error?: string }[] = [];
for (const [i, path] of process.argv.slice(2).entries()) {
  await barrier(`open ${i}`);
  try {
    openDatabase(path).$client.close();
    opened.push({ path });
  } catch (error) {
    opened.push({ path, error: `${(error as { code?: string }).code ?? ''} ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` });
  }
}
report({ opened });
