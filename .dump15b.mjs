import fs from 'fs'; import YAML from 'yaml';
const d = YAML.parse(fs.readFileSync(process.env.DOC||'/work/shared/atlas/openapi/atlas-admin-v2.2025-06.yaml','utf8'));
const S = d.components.schemas;
function show(name, depth=0, seen=new Set()) {
  const s = S[name]; if (!s) return console.log('??', name);
  console.log(`\n=== ${name}`); pr(s, '  ', seen, depth);
}
function pr(s, ind, seen, depth) {
  if (s.$ref) { const n = s.$ref.split('/').pop(); console.log(ind+'-> '+n); if (!seen.has(n)) { seen.add(n); queue.push(n);} return; }
  for (const k of ['allOf','oneOf','anyOf']) if (s[k]) { console.log(ind+k+':'); s[k].forEach(x=>pr(x, ind+'  ', seen, depth)); }
  if (s.discriminator) console.log(ind+'discriminator: '+JSON.stringify(s.discriminator));
  if (s.properties) { const req = s.required||[]; for (const [k,v] of Object.entries(s.properties)) {
    const t = v.$ref ? '-> '+v.$ref.split('/').pop() : (v.type||'') + (v.format?'('+v.format+')':'') + (v.enum?' ['+v.enum.join('|')+']':'') + (v.readOnly?' RO':'') + (v.writeOnly?' WO':'') + (v.minimum!==undefined?' min'+v.minimum:'')+(v.maximum!==undefined?' max'+v.maximum:'')+(v.maxLength!==undefined?' maxLen'+v.maxLength:'')+(v.pattern?' /'+v.pattern+'/':'')+(v.default!==undefined?' def='+JSON.stringify(v.default):'');
    console.log(`${ind}${k}${req.includes(k)?'*':''}: ${t}`);
    if (v.$ref) { const n=v.$ref.split('/').pop(); if(!seen.has(n)){seen.add(n);queue.push(n);} }
    if (v.items) pr({properties:{'[]':v.items}}, ind+'  ', seen, depth);
    if (v.additionalProperties && typeof v.additionalProperties==='object') pr({properties:{'{}':v.additionalProperties}}, ind+'  ', seen, depth);
    if (v.properties || v.allOf || v.oneOf) pr(v, ind+'  ', seen, depth);
  }}
  if (s.type==='array' && s.items) pr({properties:{'[]':s.items}}, ind, seen, depth);
  if (s.additionalProperties && !s.properties && typeof s.additionalProperties==='object') pr({properties:{'{}':s.additionalProperties}}, ind, seen, depth);
}
const queue = process.argv.slice(2); const done=new Set(); const seenAll=new Set();
while (queue.length) { const n=queue.shift(); if (done.has(n)) continue; done.add(n); show(n, 0, seenAll); }
