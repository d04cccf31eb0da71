import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parsePemCertificates } from '../../../core/anchor/token';
import { BundleInputError, loadBundle } from '../../../core/export/load-bundle';
import { verifyBundle, type BundleFailure, type BundleVerdict } from '../../../core/export/verify-bundle';
import { parseArgs } from '../args';
import { UsageError, type Command } from '../command';

const place = (f: BundleFailure): string =>
  [f.file, f.line === undefined ? null : `line ${f.line}`, f.seq === undefined ? null : `seq ${f.seq}`].filter(Boolean).join(', ');

function readRoots(path: string) {
  let roots;
  try {
    roots = parsePemCertificates(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`--tsa-roots ${path}: ${(error as Error).message}`);
  }
  if (roots.length === 0) throw new UsageError(`--tsa-roots ${path} holds no PEM certificate`);
  return roots;
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'check an evidence bundle (folder or zip) offline: file hashes, the chain to the head, the claim recomputed from its records, the time-stamp tokens',
  usage: 'blackbox verify <bundle-folder-or-zip> [--tsa-roots FILE] [--json]',
  async run(args) {
    const { positionals, values, switches } = parseArgs(args, { values: ['tsa-roots'], switches: ['json'] });
    if (positionals.length !== 1) throw new UsageError('name exactly one bundle folder or zip');
    const roots = values['tsa-roots'] ? readRoots(resolve(values['tsa-roots'])) : undefined;
    const path = resolve(positionals[0]);
    let loaded;
    try {
      loaded = loadBundle(path);
    } catch (error) {
      if (error instanceof BundleInputError) throw new UsageError(error.message);
      throw error;
    }
    const verdict: BundleVerdict = loaded.damage.length
      ? { verified: false, failures: loaded.damage, moreFailures: 0, files: 0, records: 0, fullRecords: 0, head: null, anchors: [], statements: [] }
      : await verifyBundle(loaded.files, { roots });
    if (switches.has('json')) {
      const { verified, failures, moreFailures, head, statements } = verdict;
      const anchors = verdict.anchors.map(({ seq, hash, tsa, genTime, verified: ok, trusted, headSeq }) => ({ seq, headSeq, hash, tsa, genTime, verified: ok, trusted }));
      process.stdout.write(JSON.stringify({ verified, failures, moreFailures, head, anchors, statements }, null, 2) + '\n');
    } else if (verdict.verified) {
      process.stdout.write(
        `Verified: ${verdict.files} files match the manifest; ${verdict.records} journal records (${verdict.fullRecords} in full) ` +
          `chain to the head seq ${verdict.head!.seq} ${verdict.head!.hash}; every evidence seq is present and the claim is what its records give.\n`,
      );
      for (const statement of verdict.statements) process.stdout.write(`  ${statement}\n`);
    } else {
      process.stdout.write(`NOT VERIFIED: ${verdict.failures.length + verdict.moreFailures} failure(s)\n`);
      for (const f of verdict.failures) process.stdout.write(`  ${place(f)}: ${f.reason}\n`);
      if (verdict.moreFailures) process.stdout.write(`  … and ${verdict.moreFailures} more\n`);
      for (const statement of verdict.statements) process.stdout.write(`  (${statement})\n`);
    }
    return verdict.verified ? 0 : 1;
  },
};
