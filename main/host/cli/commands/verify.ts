import { resolve } from 'node:path';
import { BundleInputError, loadBundle } from '../../../core/export/load-bundle';
import { verifyBundle, type BundleFailure } from '../../../core/export/verify-bundle';
import { parseArgs } from '../args';
import { UsageError, type Command } from '../command';

const place = (f: BundleFailure): string =>
  [f.file, f.line === undefined ? null : `line ${f.line}`, f.seq === undefined ? null : `seq ${f.seq}`].filter(Boolean).join(', ');

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'check an evidence bundle (folder or zip) offline: file hashes, record hashes, chain to the head, claim evidence',
  usage: 'blackbox verify <bundle-folder-or-zip> [--json]',
  async run(args) {
    const { positionals, switches } = parseArgs(args, { switches: ['json'] });
    if (positionals.length !== 1) throw new UsageError('name exactly one bundle folder or zip');
    const path = resolve(positionals[0]);
    let loaded;
    try {
      loaded = loadBundle(path);
    } catch (error) {
      if (error instanceof BundleInputError) throw new UsageError(error.message);
      throw error;
    }
    const verdict = loaded.damage.length
      ? { verified: false, failures: loaded.damage, moreFailures: 0, files: 0, records: 0, fullRecords: 0, head: null }
      : await verifyBundle(loaded.files);
    if (switches.has('json')) {
      process.stdout.write(JSON.stringify({ verified: verdict.verified, failures: verdict.failures, moreFailures: verdict.moreFailures, head: verdict.head }, null, 2) + '\n');
    } else if (verdict.verified) {
      process.stdout.write(
        `Verified: ${verdict.files} files match the manifest; ${verdict.records} journal records (${verdict.fullRecords} in full) ` +
          `chain to the head seq ${verdict.head!.seq} ${verdict.head!.hash}; every evidence seq is present.\n`,
      );
    } else {
      process.stdout.write(`NOT VERIFIED: ${verdict.failures.length + verdict.moreFailures} failure(s)\n`);
      for (const f of verdict.failures) process.stdout.write(`  ${place(f)}: ${f.reason}\n`);
      if (verdict.moreFailures) process.stdout.write(`  … and ${verdict.moreFailures} more\n`);
    }
    return verdict.verified ? 0 : 1;
  },
};
