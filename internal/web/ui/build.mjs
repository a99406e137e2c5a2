// Builds the page into ../dist, which is committed and embedded in the Go
// binary, so `go build` needs no Node. Run `npm ci && npm run build` here
// (or `go generate ./internal/web`) after changing anything in src/.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';

const out = new URL('../dist/', import.meta.url).pathname;
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await esbuild.build({
  entryPoints: { app: 'src/main.js' },
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020'],
  outdir: out,
  legalComments: 'linked',
  logLevel: 'warning',
});
await esbuild.build({
  entryPoints: { app: 'src/style.css' },
  bundle: true,
  minify: true,
  outdir: out,
  // Leaflet's CSS names a few marker and control images; inline them.
  loader: { '.png': 'dataurl', '.svg': 'dataurl' },
  logLevel: 'warning',
});
copyFileSync('index.html', out + 'index.html');
copyFileSync('node_modules/world-atlas/countries-50m.json', out + 'countries-50m.json');
console.log('built', out);
