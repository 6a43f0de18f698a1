import { FederationBuilder, echoExport } from './test/core/render/federation-builder.js';
import { renderFederation } from './src/core/render/render-federation.js';
import { objectsToYaml } from './src/core/render/serialize-yaml.js';
const N = 1000;
const b = new FederationBuilder();
for (let i = 0; i < N; i++) b.peer(`p${i}`, { address: `10.${(i >> 8) & 255}.${i & 255}.1` });
const pols = [{ burst: { local: { maxConnections: 5 } } }, { failover: {} }, { split: { remoteWeight: 10 } }, { route: { match: [{ uriPrefix: '/x' }] } }, { mirror: { percent: 3 } }];
for (let i = 0; i < N; i++) {
  for (let e = 0; e < 10; e++) b.export(`p${i}`, `e${e}`, { ...echoExport([`p${(i + 1) % N}`, `p${(i + 2) % N}`], { inbound: { maxConnections: 10 } }), service: { name: `s${e}`, namespace: 'demo' } });
  for (let m = 0; m < 20; m++) b.import(`p${i}`, `i${m}`, { from: { peer: `p${(i + N - 1 - (m % 2)) % N}`, export: `e${m % 10}` }, target: { name: `t${m}`, namespace: 'demo' }, ...pols[m % 5] });
}
const model = b.build();
for (let k = 0; k < 3; k++) {
const t0 = performance.now();
const r = renderFederation(model);
const t1 = performance.now();
for (const [, o] of r) objectsToYaml(o);
const t2 = performance.now();
console.log('render', Math.round(t1 - t0), 'yaml', Math.round(t2 - t1));
}
