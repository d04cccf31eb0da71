/** `--tsa URL` (repeatable) as the CLI takes it: each an http(s) URL, or bad input. */
import { checkTsaUrl, TsaConfigError } from '../../core/anchor/tsa-config';
import { UsageError } from './command';

export function tsaFlags(values: readonly string[] | undefined): string[] {
  try {
    return (values ?? []).map(checkTsaUrl);
  } catch (error) {
    if (error instanceof TsaConfigError) throw new UsageError(`--tsa ${error.message}`);
    throw error;
  }
}
