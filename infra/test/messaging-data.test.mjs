import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BicepFile, property, propertyNames, readRepoFile, repoDir } from '../checks/bicep.mjs';

const messaging = new BicepFile('infra/modules/messaging.bicep');
const data = new BicepFile('infra/modules/data.bicep');

test('the telemetry queue detects duplicates over ten minutes and dead-letters', () => {
  const [queue] = messaging.resourcesOfType('Microsoft.ServiceBus/namespaces/queues');
  const props = property(queue.body, 'properties');
  assert.equal(messaging.literal(property(queue.body, 'name')), 'telemetry');
  assert.equal(messaging.literal(property(props, 'requiresDuplicateDetection')), true);
  assert.equal(messaging.literal(property(props, 'duplicateDetectionHistoryTimeWindow')), 'PT10M');
  assert.equal(messaging.literal(property(props, 'deadLetteringOnMessageExpiration')), true);
  assert.ok(messaging.literal(property(props, 'maxDeliveryCount')) > 1);
  assert.match(messaging.literal(property(props, 'lockDuration')), /^PT([1-5]M|[3-9]\dS)$/);
});

test('there is a commands topic for the front replicas', () => {
  const [topic] = messaging.resourcesOfType('Microsoft.ServiceBus/namespaces/topics');
  assert.equal(messaging.literal(property(topic.body, 'name')), 'commands');
});

test('Service Bus is Standard by default, Premium by parameter, and refuses SAS keys', () => {
  const sku = messaging.params().get('sku');
  assert.equal(messaging.literal(sku.defaultNode), 'Standard');
  assert.match(sku.decorators.join(' '), /'Premium'/);
  const [namespace] = messaging.resourcesOfType('Microsoft.ServiceBus/namespaces');
  assert.equal(messaging.literal(property(namespace.body, 'properties.disableLocalAuth')), true);
});

test('Cosmos DB disables keys and is serverless or provisioned by parameter', () => {
  const [account] = data.resourcesOfType('Microsoft.DocumentDB/databaseAccounts');
  assert.equal(data.literal(property(account.body, 'properties.disableLocalAuth')), true);
  assert.equal(data.literal(data.params().get('capacityMode').defaultNode), 'Serverless');
  assert.match(property(account.body, 'properties.capabilities').text, /EnableServerless/);
});

const containerDir = 'infra/cosmos/containers';
// Per-device data is partitioned by IMEI; a day's report rows by date; the alert rules and the
// webhook outbox are read by their own id, and their queries span all of them anyway.
const partitionKeys = { dailyReports: '/date', rules: '/id', alertDeliveries: '/id' };

/** The JSON files data.bicep's containers array loads, as written in it; the array holds nothing else. */
function loadedFiles() {
  const text = data.variables().get('containers').text;
  const call = /loadJsonContent\('([^']+)'\)/g;
  assert.match(text.replace(call, ''), /^\[\s*\]$/, 'the containers array holds only loadJsonContent calls');
  return [...text.matchAll(call)].map((m) => m[1]);
}

test('every container JSON is deployed once, by data.bicep, as the resource it declares', () => {
  const files = readdirSync(join(repoDir, containerDir)).filter((f) => f.endsWith('.json')).sort();
  assert.deepEqual(loadedFiles().sort(), files.map((f) => `../cosmos/containers/${f}`));
  const [containers] = data.resourcesOfType('Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers');
  assert.ok(containers.loop);
  assert.equal(property(containers.body, 'name').text, 'c.id');
  assert.match(property(containers.body, 'properties.resource').text, /^contains\(defaultTtlOverrides, c\.id\) \? union\(c, \{\s*defaultTtl: defaultTtlOverrides\[c\.id\]\s*\}\) : c$/);
  for (const file of files) {
    const container = JSON.parse(readRepoFile(`${containerDir}/${file}`));
    assert.equal(`${container.id}.json`, file);
    assert.deepEqual(container.partitionKey, { paths: [partitionKeys[container.id] ?? '/imei'], kind: 'Hash', version: 2 }, file);
    assert.equal(typeof container.defaultTtl, 'number', `${file} declares its default TTL`);
  }
});

test('telemetry, messages and rejected retention are parameters whose defaults are the declared TTLs', () => {
  const overrides = data.variables().get('defaultTtlOverrides');
  assert.deepEqual(propertyNames(overrides).sort(), ['messages', 'rejected', 'telemetry']);
  for (const [id, param] of [['telemetry', 'telemetryTtlSeconds'], ['messages', 'telemetryTtlSeconds'],
    ['rejected', 'rejectedTtlSeconds']]) {
    assert.equal(property(overrides, id).text, param);
    const declared = JSON.parse(readRepoFile(`${containerDir}/${id}.json`)).defaultTtl;
    assert.equal(data.literal(data.params().get(param).defaultNode), declared);
  }
});

test('containers index only what queries use: bodies and the latest record are never indexed', () => {
  for (const file of readdirSync(join(repoDir, containerDir)).filter((f) => f.endsWith('.json'))) {
    const { indexingPolicy } = JSON.parse(readRepoFile(`${containerDir}/${file}`));
    assert.deepEqual(indexingPolicy.excludedPaths, [{ path: '/*' }], `${file} indexes an explicit list of paths`);
    for (const { path } of indexingPolicy.includedPaths) {
      assert.match(path, /^\/[A-Za-z]+\/\?$/, `${file}: ${path} is one scalar property`);
    }
    for (const composite of indexingPolicy.compositeIndexes ?? []) {
      assert.ok(composite.length >= 2, `${file}: a composite index has two paths or more`);
      for (const { path, order } of composite) {
        assert.match(path, /^\/[A-Za-z]+$/);
        assert.ok(order === 'ascending' || order === 'descending');
      }
    }
  }
  const devices = JSON.parse(readRepoFile(`${containerDir}/devices.json`)).indexingPolicy;
  assert.ok(!devices.includedPaths.some(({ path }) => path.startsWith('/last/')));
});
