// The benchmark's baseline: a bare express 5 app answering the same JSON body as the
// simulator's GET /api/atlas/v2/orgs/{orgId}, with no authentication, no versioning and
// no rate limiting. Prints its URL on stdout once listening.
import express from 'express';

const body = process.argv[2] ?? '{}';
const app = express();
app.get('/api/atlas/v2/orgs/:orgId', (_req, res) => {
  res.type('application/vnd.atlas.2023-01-01+json;charset=utf-8').send(body);
});
app.get('/_mock/health', (_req, res) => res.json({ status: 'ok' }));
const server = app.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
