import { UserImportService } from '@qf/identity';
import { Presets, SingleBar } from 'cli-progress';
import { readFileSync } from 'node:fs';
import { withContext } from '../cli-context';

/** Imports users from a CSV file with a progress bar; exits non-zero when some lines were rejected. */
export async function importUsersCommand(file: string): Promise<void> {
  const csv = readFileSync(file, 'utf8');
  const result = await withContext(async (ctx) => {
    const bar = new SingleBar({ format: 'importing {bar} {value}/{total} lines', hideCursor: true, noTTYOutput: false }, Presets.shades_classic);
    let started = false;
    try {
      return await ctx.get(UserImportService).import(csv, (done, total) => {
        if (!started) bar.start(total, 0);
        started = true;
        bar.update(done);
      });
    } finally {
      if (started) bar.stop();
    }
  });
  console.log(`created ${result.created}, skipped ${result.skipped} (username exists), errors ${result.errors.length}`);
  for (const e of result.errors) console.log(`  line ${e.line}: ${e.message}`);
  if (result.errors.length) process.exitCode = 1;
}
