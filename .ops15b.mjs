import fs from 'fs'; import YAML from 'yaml';
const d = YAML.parse(fs.readFileSync('/work/shared/atlas/openapi/atlas-admin-v2.2025-06.yaml','utf8'));
const want = process.argv.slice(2);
for (const [p, item] of Object.entries(d.paths)) for (const [m, op] of Object.entries(item)) {
  if (!want.includes(op?.operationId)) continue;
  console.log('##', op.operationId);
  for (const x of op.parameters||[]) { if (x.$ref) continue; if (x.in!=='query') continue; console.log('   ', x.name, x.required?'*':'', JSON.stringify(x.schema), (x.description||'').slice(0,160).replace(/\n/g,' ')); }
}
