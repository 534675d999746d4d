import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BicepFile, bicepparamAssignments, infraDir, infraFiles, property, propertyNames, readRepoFile } from '../checks/bicep.mjs';

const main = new BicepFile('infra/main.bicep');
const concerns = ['monitoring', 'alerts', 'network', 'identity', 'registry', 'messaging', 'data', 'functions', 'rbac', 'front'];

test('main.bicep only wires modules, one per concern', () => {
  assert.deepEqual(main.resources(), [], 'main.bicep declares resources itself');
  const modules = main.modules();
  assert.deepEqual(modules.map((m) => m.path).sort(), concerns.map((c) => `modules/${c}.bicep`).sort());
  for (const m of modules) {
    assert.ok(existsSync(join(infraDir, m.path)), `${m.path} missing`);
  }
});

test('every module parameter main.bicep passes is declared by that module', () => {
  for (const m of main.modules()) {
    const declared = new BicepFile(`infra/${m.path}`).params();
    for (const name of propertyNames(property(m.body, 'params'))) {
      assert.ok(declared.has(name), `${m.path} has no parameter ${name}`);
    }
    for (const [name, param] of declared) {
      if (!param.defaultNode) {
        assert.ok(propertyNames(property(m.body, 'params')).includes(name), `${m.path} needs ${name}`);
      }
    }
  }
});

test('every module output main.bicep reads exists', () => {
  const outputsByModule = new Map(main.modules().map((m) => [m.symbol, new BicepFile(`infra/${m.path}`).outputs()]));
  for (const [, symbol, output] of main.source.matchAll(/\b(\w+)\.outputs\.(\w+)/g)) {
    assert.ok(outputsByModule.get(symbol)?.has(output), `${symbol}.outputs.${output} does not exist`);
  }
});

test('names come from an abbreviation and uniqueString of the resource group', () => {
  assert.match(main.source, /uniqueString\(resourceGroup\(\)\.id\)/);
  for (const name of propertyNames(main.variables().get('names'))) {
    const value = property(main.variables().get('names'), name).text;
    assert.match(value, /^'[a-z]+(-[a-z]+)*-?\$\{resourceToken\}'$/, `${name} = ${value}`);
  }
});

test('every resource with a location is tagged', () => {
  for (const file of infraFiles('.bicep')) {
    for (const r of new BicepFile(file).resources()) {
      if (r.body && property(r.body, 'location')) {
        assert.ok(property(r.body, 'tags'), `${file}: ${r.symbol} has no tags`);
      }
    }
  }
});

test('API versions are dated, released (not preview) and the same for a type everywhere', () => {
  const versions = new Map();
  for (const file of infraFiles('.bicep')) {
    for (const r of new BicepFile(file).resources()) {
      if (r.apiVersion === undefined) {
        continue;
      }
      assert.match(r.apiVersion, /^20\d\d-\d\d-\d\d(-preview)?$/, `${file}: ${r.type}`);
      // Diagnostic settings have no GA version newer than this preview one.
      if (r.type !== 'Microsoft.Insights/diagnosticSettings') {
        assert.ok(!r.apiVersion.endsWith('-preview'), `${file}: ${r.type}@${r.apiVersion}`);
      }
      const seen = versions.get(r.type);
      assert.ok(!seen || seen === r.apiVersion, `${r.type} at ${seen} and ${r.apiVersion}`);
      versions.set(r.type, r.apiVersion);
    }
  }
});

test('outputs give the device endpoint, the API URL and the dashboard URL', () => {
  const outputs = main.outputs();
  assert.match(outputs.get('deviceEndpoint').text, /front\.outputs\.deviceEndpoint/);
  assert.match(outputs.get('apiUrl').text, /^'https:\/\/\$\{functions\.outputs\.defaultHostName\}\/api'$/);
  assert.match(outputs.get('dashboardUrl').text, /\/api\/dashboard'$/);
  const front = new BicepFile('infra/modules/front.bicep');
  assert.match(front.outputs().get('deviceEndpoint').text, /ingress\.fqdn\}:\$\{devicePort\}/);
});

test('the parameters file uses main.bicep and sets only its parameters', () => {
  const { using, names } = bicepparamAssignments(readRepoFile('infra/main.bicepparam'));
  assert.equal(using, './main.bicep');
  const params = main.params();
  assert.ok(names.length > 0);
  for (const name of names) {
    assert.ok(params.has(name), `main.bicep has no parameter ${name}`);
  }
});

test('bicepconfig.json is valid JSON with the linter on', () => {
  const config = JSON.parse(readRepoFile('infra/bicepconfig.json'));
  assert.equal(config.analyzers.core.enabled, true);
});
