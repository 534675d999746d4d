import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BicepFile, infraFiles, property, propertyNames, readRepoFile } from '../checks/bicep.mjs';

// Anything that would put a key or a credential-bearing connection string into a template.
const keyPatterns = [
  /\blist(Keys|ConnectionStrings|Credentials|AccountSas|ServiceSas)\s*\(/i,
  /\.list(Keys|ConnectionStrings|Credentials)\s*\(/i,
  /primary(Master)?Key|secondary(Master)?Key/i,
  /AccountKey=|SharedAccessKey|SharedAccessSignature/i,
  /passwordSecretRef/,
  /adminUserEnabled:\s*true/,
];

function keyProblems(source) {
  return keyPatterns.filter((p) => p.test(source)).map(String);
}

test('no template reads or passes an account key or a key-bearing connection string', () => {
  for (const file of infraFiles('.bicep')) {
    assert.deepEqual(keyProblems(readRepoFile(file)), [], file);
  }
});

test('the key check catches listKeys and a SAS connection string', () => {
  assert.notDeepEqual(keyProblems("var c = 'Endpoint=sb://x/;SharedAccessKeyName=a;SharedAccessKey=b'"), []);
  assert.notDeepEqual(keyProblems('var k = storage.listKeys().keys[0].value'), []);
});

test('Function App settings are identity-based: no connection strings but the key-less App Insights one', () => {
  const functions = new BicepFile('infra/modules/functions.bicep');
  const [settings] = functions.resources().filter((r) => r.symbol === 'appSettings');
  const names = propertyNames(property(settings.body, 'properties'));
  assert.ok(!names.includes('AzureWebJobsStorage'), 'AzureWebJobsStorage must be identity-based (__accountName)');
  assert.ok(names.includes('AzureWebJobsStorage__accountName'));
  assert.equal(functions.literal(property(property(settings.body, 'properties'), 'AzureWebJobsStorage__credential')), 'managedidentity');
  assert.ok(names.includes('ServiceBusConnection__fullyQualifiedNamespace'));
  assert.ok(!names.includes('ServiceBusConnection'), 'the trigger connection must not be a connection string');
  const stringSettings = names.filter((n) => /connection_?string/i.test(n) || /Connection$/.test(n));
  assert.deepEqual(stringSettings, ['APPLICATIONINSIGHTS_CONNECTION_STRING']);
  for (const required of ['FLEETWIRE_QUEUE', 'FLEETWIRE_COSMOS_ENDPOINT', 'FLEETWIRE_COSMOS_DATABASE']) {
    assert.ok(names.includes(required), `missing ${required}`);
  }
});

test('storage refuses shared keys and Application Insights refuses key ingestion', () => {
  const functions = new BicepFile('infra/modules/functions.bicep');
  const [storage] = functions.resourcesOfType('Microsoft.Storage/storageAccounts');
  assert.equal(functions.literal(property(storage.body, 'properties.allowSharedKeyAccess')), false);
  const monitoring = new BicepFile('infra/modules/monitoring.bicep');
  const [insights] = monitoring.resourcesOfType('Microsoft.Insights/components');
  assert.equal(monitoring.literal(property(insights.body, 'properties.DisableLocalAuth')), true);
});

test('App Service Authentication with Entra ID is on by default and leaves the health route open', () => {
  const functions = new BicepFile('infra/modules/functions.bicep');
  assert.equal(functions.literal(functions.params().get('enableAuthentication').defaultNode), true);
  const [auth] = functions.resources().filter((r) => r.symbol === 'authSettings');
  assert.equal(functions.literal(property(auth.body, 'name')), 'authsettingsV2');
  assert.equal(functions.literal(property(auth.body, 'properties.identityProviders.azureActiveDirectory.enabled')), true);
  assert.equal(functions.literal(property(auth.body, 'properties.globalValidation.requireAuthentication')), true);
  assert.match(property(auth.body, 'properties.globalValidation.excludedPaths').text, /'\/api\/health'/);
  const main = new BicepFile('infra/main.bicep');
  assert.equal(main.literal(main.params().get('enableAuthentication').defaultNode), true);
});

test('the Function App runs Java 17 on Flex Consumption', () => {
  const functions = new BicepFile('infra/modules/functions.bicep');
  const [plan] = functions.resourcesOfType('Microsoft.Web/serverfarms');
  assert.equal(functions.literal(property(plan.body, 'sku.tier')), 'FlexConsumption');
  const [site] = functions.resourcesOfType('Microsoft.Web/sites');
  assert.equal(functions.literal(property(site.body, 'properties.functionAppConfig.runtime.name')), 'java');
  assert.equal(functions.literal(property(site.body, 'properties.functionAppConfig.runtime.version')), '17');
  assert.ok(property(site.body, 'properties.virtualNetworkSubnetId'), 'no VNet integration');
});

test('the webhook secret reaches the Function App only as a Key Vault reference its identity may resolve', () => {
  const functions = new BicepFile('infra/modules/functions.bicep');
  const [settings] = functions.resources().filter((r) => r.symbol === 'appSettings');
  const secret = property(property(settings.body, 'properties'), 'FLEETWIRE_WEBHOOK_SECRET').text;
  assert.match(secret, /^empty\(webhookSecretUri\) \? '' : '@Microsoft\.KeyVault\(SecretUri=\$\{webhookSecretUri\}\)'$/);
  const [site] = functions.resourcesOfType('Microsoft.Web/sites');
  assert.equal(property(site.body, 'properties.keyVaultReferenceIdentity').text, 'identityId');
  const secrets = new BicepFile('infra/modules/secrets.bicep');
  assert.ok(secrets.params().get('webhookSecret').decorators.some((d) => d.includes('secure()')), 'webhookSecret is @secure()');
  const main = new BicepFile('infra/main.bicep');
  assert.ok(main.params().get('webhookSecret').decorators.some((d) => d.includes('secure()')), 'main webhookSecret is @secure()');
  const [vault] = secrets.resourcesOfType('Microsoft.KeyVault/vaults');
  assert.equal(secrets.literal(property(vault.body, 'properties.enableRbacAuthorization')), true);
  const rbac = new BicepFile('infra/modules/rbac.bicep');
  const [reader] = rbac.resources().filter((r) => r.symbol === 'functionsWebhookSecretReader');
  assert.equal(property(reader.body, 'scope').text, 'secretsVault');
  assert.match(property(reader.body, 'properties.roleDefinitionId').text, /keyVaultSecretsUserRoleId/);
  assert.equal(property(reader.body, 'properties.principalId').text, 'functionsPrincipalId');
  assert.ok(!reader.conditional);
});
