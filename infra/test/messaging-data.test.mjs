import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BicepFile, arrayObjects, property } from '../checks/bicep.mjs';

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

test('the four containers are partitioned by IMEI and telemetry TTL is a parameter', () => {
  const [containers] = data.resourcesOfType('Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers');
  assert.ok(containers.loop);
  const definitions = arrayObjects(data.variables().get('containers'));
  const names = definitions.map((c) => data.literal(property(c, 'name')));
  assert.deepEqual(names.sort(), ['commands', 'devices', 'rejected', 'telemetry']);
  const paths = property(containers.body, 'properties.resource.partitionKey.paths').namedChildren.map((n) => data.literal(n));
  assert.deepEqual(paths, ['/imei']);
  const telemetry = definitions.find((c) => data.literal(property(c, 'name')) === 'telemetry');
  assert.equal(property(telemetry, 'ttl').text, 'telemetryTtlSeconds');
  assert.equal(property(containers.body, 'properties.resource.defaultTtl').text, 'c.ttl');
});
