import fs from 'fs'; import YAML from 'yaml';
const d = YAML.parse(fs.readFileSync('/work/shared/atlas/openapi/atlas-admin-v2.2025-06.yaml','utf8'));
for (const n of ['start','end','period','collectionName','databaseName','processId']) { const p = d.components.parameters[n]; console.log(n, JSON.stringify(p?.schema), p?.required, (p?.description||'').slice(0,150)); }
