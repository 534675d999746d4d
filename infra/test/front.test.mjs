import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BicepFile, arrayObjects, property, readRepoFile } from '../checks/bicep.mjs';

const front = new BicepFile('infra/modules/front.bicep');
const [app] = front.resourcesOfType('Microsoft.App/containerApps');
const [environment] = front.resourcesOfType('Microsoft.App/managedEnvironments');
const container = arrayObjects(property(app.body, 'properties.template.containers'))[0];

test('the front has external TCP ingress on the device port', () => {
  const ingress = property(app.body, 'properties.configuration.ingress');
  assert.equal(front.literal(property(ingress, 'transport')), 'tcp');
  assert.equal(front.literal(property(ingress, 'external')), true);
  assert.equal(front.literal(property(ingress, 'targetPort')), 5027);
  assert.equal(front.literal(property(ingress, 'exposedPort')), 5027);
});

test('the optional TLS port is an additional external port mapping', () => {
  const mappings = arrayObjects(property(app.body, 'properties.configuration.ingress.additionalPortMappings'));
  assert.equal(mappings.length, 1);
  assert.equal(property(mappings[0], 'targetPort').text, 'tlsPort');
  assert.equal(front.literal(property(mappings[0], 'external')), true);
  assert.equal(front.literal(front.params().get('tlsPort').defaultNode), 0, 'TLS is off unless asked for');
});

test('the environment is VNet-integrated with workload profiles', () => {
  assert.ok(property(environment.body, 'properties.vnetConfiguration.infrastructureSubnetId'), 'no infrastructure subnet');
  assert.equal(front.literal(property(environment.body, 'properties.vnetConfiguration.internal')), false, 'external TCP ingress needs a public environment');
  const profiles = arrayObjects(property(environment.body, 'properties.workloadProfiles'));
  assert.ok(profiles.length >= 1, 'no workload profile');
  assert.equal(property(app.body, 'properties.environmentId').text, `${environment.symbol}.id`);
});

test('liveness, readiness and startup probes hit the health port over HTTP', () => {
  const probes = arrayObjects(property(container, 'probes'));
  const byType = new Map(probes.map((p) => [front.literal(property(p, 'type')), p]));
  assert.deepEqual([...byType.keys()].sort(), ['Liveness', 'Readiness', 'Startup']);
  for (const [type, probe] of byType) {
    assert.equal(front.literal(property(probe, 'httpGet.port')), 8080, `${type} probe port`);
    assert.equal(property(probe, 'tcpSocket'), undefined, `${type} probe must not open device connections`);
  }
  assert.equal(front.literal(property(byType.get('Liveness'), 'httpGet.path')), '/health/live');
  assert.equal(front.literal(property(byType.get('Readiness'), 'httpGet.path')), '/health/ready');
});

test('at least two replicas, scaled by concurrent TCP connections', () => {
  const scale = property(app.body, 'properties.template.scale');
  const min = front.params().get('minReplicas');
  assert.ok(front.literal(min.defaultNode) >= 2);
  assert.ok(min.decorators.includes('@minValue(2)'), 'minReplicas must not be set below 2');
  assert.equal(property(scale, 'minReplicas').text, 'minReplicas');
  const rules = arrayObjects(property(scale, 'rules'));
  assert.ok(rules.some((r) => property(r, 'tcp.metadata.concurrentConnections')), 'no TCP scale rule');
});

test('a replica gets a termination grace period to drain on SIGTERM', () => {
  const grace = property(app.body, 'properties.template.terminationGracePeriodSeconds');
  assert.ok(front.literal(grace) >= 30, 'grace period shorter than an in-flight publish retry');
});

test('the front runs as its user-assigned identity and pulls the image with it', () => {
  assert.equal(front.literal(property(app.body, 'identity.type')), 'UserAssigned');
  const registries = arrayObjects(property(app.body, 'properties.configuration.registries'));
  assert.equal(property(registries[0], 'identity').text, 'identityId');
  assert.equal(property(registries[0], 'passwordSecretRef'), undefined);
});

test('the front is told its namespace, queue, policy and identity through FLEETWIRE_* settings', () => {
  const env = new Map(arrayObjects(front.variables().get('baseEnv')).map((e) => [front.literal(property(e, 'name')), property(e, 'value').text]));
  for (const name of ['FLEETWIRE_PORT', 'FLEETWIRE_HEALTH_PORT', 'FLEETWIRE_SERVICEBUS_NAMESPACE', 'FLEETWIRE_QUEUE', 'FLEETWIRE_POLICY', 'FLEETWIRE_COSMOS_ENDPOINT', 'AZURE_CLIENT_ID']) {
    assert.ok(env.has(name), `missing ${name}`);
  }
  assert.equal(env.get('FLEETWIRE_SERVICEBUS_NAMESPACE'), 'serviceBusNamespace');
  assert.equal(property(container, 'env').text, 'concat(baseEnv, tlsEnv)');
});

test('the front lingers 50 ms to fill a message, as the cost table in SCALING assumes', () => {
  const env = new Map(arrayObjects(front.variables().get('baseEnv')).map((e) => [front.literal(property(e, 'name')), property(e, 'value')]));
  assert.equal(front.literal(env.get('FLEETWIRE_ENVELOPE_LINGER')), '50ms');
  const main = new BicepFile('infra/main.bicep');
  assert.equal(main.literal(main.params().get('frontEnvelopeLinger').defaultNode), '50ms');
  const [module] = main.modules().filter((m) => m.symbol === 'front');
  assert.equal(property(module.body, 'params.envelopeLinger').text, 'frontEnvelopeLinger');
  const scaling = readRepoFile('docs/SCALING.md');
  assert.match(scaling, /\| per month, L = 50 ms/);
  assert.match(scaling, /`FLEETWIRE_ENVELOPE_LINGER` = 50 ms/);
});
