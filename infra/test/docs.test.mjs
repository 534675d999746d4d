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
