// Fails when src/api/schema.d.ts is not what openapi-typescript makes of ../api/openapi.yaml now.
// `npm run gen:types` rewrites it; `npm run build` runs this check first.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const committed = 'src/api/schema.d.ts';
const dir = mkdtempSync(join(tmpdir(), 'roster-types-'));
try {
  const fresh = join(dir, 'schema.d.ts');
  execFileSync(process.execPath, ['node_modules/openapi-typescript/bin/cli.js', '../api/openapi.yaml', '-o', fresh], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let current = '';
  try {
    current = readFileSync(committed, 'utf8');
  } catch {
    current = '';
  }
  if (readFileSync(fresh, 'utf8') !== current) {
    console.error(`check:types: ${committed} is stale: api/openapi.yaml changed. Run \`npm run gen:types\` in ui/ and commit the result.`);
    process.exit(1);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
