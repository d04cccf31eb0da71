import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { confSettings } from '../../../core/settings/conf-settings';
import { startBlackbox } from '../../../core/terminal/start-terminal';
import { startWebHost } from '../../web/web-host';
import { parseArgs } from '../args';
import { UsageError, type Command } from '../command';
import { defaultDataDir, rendererDir, scenarioDir } from '../paths';
import { tsaFlags } from '../tsa-flags';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the terminal and serve its UI on 127.0.0.1 (prints the URL to open)',
  usage: 'blackbox serve [--port N] [--data-dir DIR] [--review-dir DIR] [--tsa URL]... [--json]',
  async run(args) {
    const { values, switches, lists } = parseArgs(args, { values: ['port', 'data-dir', 'review-dir'], switches: ['json'], repeated: ['tsa'] });
    const anchoring = { flags: tsaFlags(lists.tsa) };
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0-65535, got ${values.port}`);
    if (!existsSync(join(rendererDir, 'index.html'))) {
      throw new UsageError(`the UI is not built (${rendererDir} is missing): run \`npm run build\` first`);
    }
    const dataDir = values['data-dir'] ?? defaultDataDir();
    mkdirSync(dataDir, { recursive: true });
    const terminal = await startBlackbox({ dataDir, settings: confSettings(dataDir), scenarioDir, anchoring });
    const host = await startWebHost({
      service: terminal,
      staticDir: rendererDir,
      port,
      // The page may open journals for review only from here: the data folder and one named at start.
      reviewFolders: [dataDir, ...(values['review-dir'] ? [values['review-dir']] : [])],
    });
    const line = switches.has('json')
      ? JSON.stringify({ url: host.url, port: host.port, dataDir, journal: terminal.journalPath })
      : `Blackbox is serving on ${host.url}\nJournal: ${terminal.journalPath}\nPress Ctrl+C to stop.`;
    process.stdout.write(line + '\n');
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await host.close();
    await terminal.close();
    return 0;
  },
};
