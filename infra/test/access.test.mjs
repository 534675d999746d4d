import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BicepFile, arrayObjects, property, propertyNames } from '../checks/bicep.mjs';

const rbac = new BicepFile('infra/modules/rbac.bicep');
const front = new BicepFile('infra/modules/front.bicep');
const functions = new BicepFile('infra/modules/functions.bicep');

// Built-in role ids as Azure publishes them; the template must name each one in a comment.
const builtInRoles = {
  AcrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d',
  'Azure Service Bus Data Sender': '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39',
  'Azure Service Bus Data Receiver': '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0',
  'Azure Service Bus Data Owner': '090c5cfd-751d-490a-894a-3ce6f1109419',
  'Storage Blob Data Owner': 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
  'Monitoring Metrics Publisher': '3913510d-42f4-4e42-8a64-420c390055eb',
  'Key Vault Secrets User': '4633458b-17de-408a-b874-0445c86b69e6',
  'Cosmos DB Built-in Data Reader': '00000000-0000-0000-0000-000000000001',
  'Cosmos DB Built-in Data Contributor': '00000000-0000-0000-0000-000000000002',
};

// What each setting reaches, and which roles let the workload do so (any one suffices).
const settingNeeds = {
  FLEETWIRE_SERVICEBUS_NAMESPACE: null,
  FLEETWIRE_COSMOS_DATABASE: null,
  FLEETWIRE_QUEUE: { front: [['Azure Service Bus Data Sender', 'queue']], functions: [] },
  // Data Owner, not Receiver: the scale controller reads the queue's message count (Manage right).
  ServiceBusConnection__fullyQualifiedNamespace: { functions: [['Azure Service Bus Data Owner', 'queue']] },
  FLEETWIRE_COMMANDS_TOPIC: {
    front: [['Azure Service Bus Data Owner', 'commandsTopic']],
    functions: [['Azure Service Bus Data Sender', 'commandsTopic']],
  },
  FLEETWIRE_COSMOS_ENDPOINT: {
    front: [['Cosmos DB Built-in Data Reader', '/colls/devices']],
    functions: [['Cosmos DB Built-in Data Contributor', 'cosmosDatabaseScope']],
  },
  AzureWebJobsStorage__accountName: { functions: [['Storage Blob Data Owner', 'storage']] },
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: { functions: [['Monitoring Metrics Publisher', 'appInsights']] },
};

const dataPlaneSetting = /NAMESPACE|ENDPOINT|QUEUE|TOPIC|__accountName|__fullyQualifiedNamespace|__serviceUri|AUTHENTICATION_STRING/i;

function roleConstants() {
  const constants = new Map();
  for (const [name, value] of rbac.variables()) {
    if (name.endsWith('RoleId')) {
      const declaration = value.parent;
      constants.set(name, { id: rbac.literal(value), comment: rbac.commentAbove(declaration) });
    }
  }
  return constants;
}

function assignments() {
  const constants = roleConstants();
  const found = [];
  for (const r of rbac.resources()) {
    if (!/roleAssignments$/i.test(r.type)) {
      continue;
    }
    const roleText = property(r.body, 'properties.roleDefinitionId').text;
    const constant = [...constants.keys()].find((name) => roleText.includes(name));
    const role = Object.keys(builtInRoles).find((n) => builtInRoles[n] === constants.get(constant)?.id);
    const principal = property(r.body, 'properties.principalId').text;
    const scope = (property(r.body, 'scope') ?? property(r.body, 'properties.scope')).text;
    found.push({ symbol: r.symbol, role, principal, scope, conditional: r.conditional });
  }
  return found;
}

function holds(workload, role, scopeHint) {
  const principal = workload === 'front' ? 'frontPrincipalId' : 'functionsPrincipalId';
  return assignments().some((a) => a.principal === principal && a.role === role && a.scope.includes(scopeHint) && !a.conditional);
}

test('every role id is a named constant whose comment names the built-in role', () => {
  const constants = roleConstants();
  assert.ok(constants.size >= 8);
  for (const [name, { id, comment }] of constants) {
    const role = Object.keys(builtInRoles).find((n) => builtInRoles[n] === id);
    assert.ok(role, `${name} = ${id} is not a known built-in role`);
    assert.ok(comment.includes(role), `${name} lacks a comment naming "${role}"`);
  }
  for (const a of assignments()) {
    assert.ok(a.role, `${a.symbol} uses no role constant`);
  }
});

test('the front pulls its image with AcrPull', () => {
  const registries = arrayObjects(property(front.resourcesOfType('Microsoft.App/containerApps')[0].body, 'properties.configuration.registries'));
  assert.ok(registries.length > 0);
  assert.ok(holds('front', 'AcrPull', 'registry'));
});

test('every data-plane setting of the front is backed by a role assignment', () => {
  const env = arrayObjects(front.variables().get('baseEnv')).map((e) => front.literal(property(e, 'name')));
  checkSettings('front', env);
});

test('every data-plane setting of the Function App is backed by a role assignment', () => {
  const [settings] = functions.resources().filter((r) => r.symbol === 'appSettings');
  checkSettings('functions', propertyNames(property(settings.body, 'properties')));
});

test('the Function App reads its deployment package with its identity, backed by a blob role', () => {
  const [site] = functions.resourcesOfType('Microsoft.Web/sites');
  const auth = property(site.body, 'properties.functionAppConfig.deployment.storage.authentication');
  assert.equal(functions.literal(property(auth, 'type')), 'UserAssignedIdentity');
  assert.ok(holds('functions', 'Storage Blob Data Owner', 'storage'));
});

test('the access check fails for a workload without the needed role', () => {
  assert.equal(holds('front', 'Azure Service Bus Data Receiver', 'queue'), false);
  assert.throws(() => checkSettings('front', ['FLEETWIRE_SOMETHING_ENDPOINT']), /no known role/);
});

function checkSettings(workload, names) {
  for (const name of names.filter((n) => dataPlaneSetting.test(n))) {
    assert.ok(name in settingNeeds, `${workload} setting ${name} reaches a service, but no known role covers it`);
    const needs = settingNeeds[name]?.[workload] ?? [];
    for (const [role, scope] of needs) {
      assert.ok(holds(workload, role, scope), `${workload} uses ${name} but has no "${role}" on ${scope}`);
    }
  }
}
