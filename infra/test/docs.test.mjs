import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readRepoFile } from '../checks/bicep.mjs';

const deploy = readRepoFile('docs/DEPLOY.md');
const scaling = readRepoFile('docs/SCALING.md');

const tableRow = (text, label) => text.split('\n').find((line) => line.startsWith(`| ${label} |`));

test('DEPLOY gives the three deploy commands, the last one being the deploy script', () => {
  const block = /## The three commands[\s\S]*?```sh\n([\s\S]*?)```/.exec(deploy)[1].trim().split('\n');
  assert.equal(block.length, 3);
  assert.match(block[0], /^az group create /);
  assert.equal(block[1], './mvnw -B package -DskipTests');
  assert.match(block[2], /^infra\/deploy\.sh \S+$/);
});

test('the cost table in DEPLOY is the one in SCALING', () => {
  for (const label of ['**total**', 'Front (Container Apps)', 'Cosmos DB storage', 'Functions (Flex Consumption)']) {
    const inScaling = tableRow(scaling, label);
    assert.ok(inScaling, `SCALING has no ${label} row`);
    const cells = (row) => row.split('|').slice(2, -1).map((c) => c.replace(/^.*≈/, '≈').trim());
    assert.deepEqual(cells(tableRow(deploy, label)), cells(inScaling), label);
  }
});

test('DEPLOY tells devices to send within the ingress idle timeout', () => {
  assert.match(deploy, /4 minutes/);
  assert.match(deploy, /Send Period/);
  assert.match(deploy, /POST "\$api\/devices"/);
});

test('DEPLOY\'s token command is the one the workflow runs, for the identifier URI entra-app.sh sets', () => {
  const token = /token=\$\((az account get-access-token --resource "api:\/\/\$FLEETWIRE_AUTH_CLIENT_ID" --query accessToken -o tsv)\)/.exec(deploy);
  assert.ok(token, 'DEPLOY has no token command');
  assert.ok(readRepoFile('.github/workflows/deploy.yml').includes(token[1]), 'the workflow gets its token differently');
  const entra = readRepoFile('infra/entra-app.sh');
  assert.match(entra, /--arg uri "api:\/\/\$client_id"/);
  const cli = /client id `([0-9a-f-]{36})`/.exec(deploy)[1];
  assert.match(entra, new RegExp(`azure_cli_client_id=${cli}`));
  for (const [, options] of deploy.matchAll(/infra\/entra-app\.sh \S+((?: --[a-z-]+ \S+)*)/g)) {
    for (const [, option] of options.matchAll(/(--[a-z-]+)/g)) {
      assert.match(entra, new RegExp(`^\\s+${option}\\)`, 'm'), `entra-app.sh has no ${option}`);
    }
  }
  assert.match(deploy, /scripts\/smoke\.sh <apiUrl> <deviceEndpoint>/);
  assert.match(readRepoFile('scripts/smoke.sh'), /imei=356307049999997/);
  assert.match(deploy, /`356307049999997`/);
});
