import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLayers } from './check-layers';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'bb-layers-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('layer check', () => {
  it('passes on this repository', () => {
    expect(checkLayers(resolve(import.meta.dirname, '..'))).toEqual([]);
  });

  it.each([
    ['main/core/x.ts', "import { app } from 'electron';", 'core may not import the package "electron"'],
    ['main/core/x.ts', "import type { A } from '../host/web/web-host';", 'core may not import host/web'],
    ['shared/x.ts', "import { readFile } from 'node:fs';", 'shared may not import Node built-ins'],
    ['shared/x.ts', "export * from '../main/core/clock';", 'shared may not import core'],
    ['renderer/src/x.ts', "const fs = require('fs');", 'renderer may not import Node built-ins'],
    ['renderer/src/x.ts', "import('../../main/core/clock');", 'renderer may not import core'],
    ['main/preload/x.ts', "import { x } from '../core/clock';", 'preload may not import core'],
    ['main/host/web/x.ts', "import Store from 'electron-store';", 'host/web may not import the package "electron-store"'],
    ['main/host/cli/x.ts', "import { App } from '../../../renderer/src/App';", 'host/cli may not import renderer'],
  ])('rejects a forbidden import in %s', (file, source, reason) => {
    const violations = checkLayers(tree({ [file]: source }));
    expect(violations).toEqual([expect.objectContaining({ file, reason })]);
  });

  it('allows what the table allows', () => {
    const root = tree({
      'main/core/a.ts': "import { z } from 'zod'; import { x } from '../../shared/b'; import { readFileSync } from 'node:fs';",
      'main/host/electron/a.ts': "import { app } from 'electron'; import { y } from '../../core/a';",
      'renderer/src/a.tsx': "import { createChart } from 'lightweight-charts'; import { x } from '../../shared/b';",
      'main/preload/a.ts': "import { contextBridge } from 'electron'; import { N } from '../../shared/b';",
      'shared/b.ts': "import { z } from 'zod';",
    });
    expect(checkLayers(root)).toEqual([]);
  });
});

describe('layer check for tests', () => {
  it('lets a test in any layer use vitest and Node, but not electron', () => {
    const root = tree({
      'shared/a.test.ts': "import { it } from 'vitest'; import { tmpdir } from 'node:os';",
      'main/core/b.test.ts': "import { app } from 'electron';",
    });
    expect(checkLayers(root)).toEqual([expect.objectContaining({ file: 'main/core/b.test.ts' })]);
  });
});
