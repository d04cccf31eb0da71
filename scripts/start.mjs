// `npm start`: the desktop app where Electron can open a window; otherwise the same UI through
// the web host, with one line saying why.
import { spawn } from 'node:child_process';
import { electronBinary } from './electron-binary.mjs';

const serve = () => spawn(process.execPath, ['bin/blackbox.mjs', 'serve', ...process.argv.slice(2)], { stdio: 'inherit' });

function relay(child) {
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

const { path, why } = electronBinary();
if (!path) {
  console.log(`Electron cannot start here (${why}); serving the same UI in your browser instead:`);
  relay(serve());
} else {
  const started = Date.now();
  const electron = spawn(path, ['.'], { stdio: 'inherit' });
  electron.on('exit', (code) => {
    // An immediate failure means Electron could not open a window: fall back to the web host.
    if (code !== 0 && Date.now() - started < 10_000) {
      console.log(`Electron exited with code ${code} before opening a window; serving the same UI in your browser instead:`);
      relay(serve());
    } else process.exit(code ?? 0);
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => electron.kill(signal));
}
