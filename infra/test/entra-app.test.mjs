import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { infraDir } from '../checks/bicep.mjs';

const azureCli = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';

/** A directory whose fake `az` serves an empty tenant; returns a runner of infra/entra-app.sh. */
function tenant() {
  const stateFile = join(mkdtempSync(join(tmpdir(), 'entra-')), 'state.json');
  writeFileSync(stateFile, JSON.stringify({ apps: [], servicePrincipals: [], assignments: [], calls: [] }));
  const run = (args, env = {}) => {
    const result = spawnSync('bash', [join(infraDir, 'entra-app.sh'), ...args], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${join(infraDir, 'checks/fake-az')}:${process.env.PATH}`, FAKE_AZ_STATE: stateFile, FLEETWIRE_AUTH_CLIENT_ID: '', ...env },
    });
    return { code: result.status, out: result.stdout.trim(), err: result.stderr };
  };
  const state = () => JSON.parse(readFileSync(stateFile, 'utf8'));
  const az = (args) => JSON.parse(spawnSync(join(infraDir, 'checks/fake-az/az'), args, { encoding: 'utf8', env: { ...process.env, FAKE_AZ_STATE: stateFile } }).stdout);
  return { run, state, az };
}

test('creates a complete registration: identifier URI, scope for the Azure CLI, roles, service principal, redirect URI', () => {
  const { run, state } = tenant();
  const created = run(['fleetwire-prod', '--redirect-uri', 'https://func.example.net/.auth/login/aad/callback']);
  assert.equal(created.code, 0, created.err);
  const [app] = state().apps;
  assert.equal(created.out, app.appId);
  assert.equal(app.displayName, 'fleetwire-fleetwire-prod');
  assert.deepEqual(app.identifierUris, [`api://${app.appId}`]);
  assert.equal(app.api.requestedAccessTokenVersion, 2);
  const [scope] = app.api.oauth2PermissionScopes;
  assert.equal(scope.value, 'user_impersonation');
  assert.deepEqual(app.api.preAuthorizedApplications, [{ appId: azureCli, delegatedPermissionIds: [scope.id] }]);
  assert.deepEqual(app.appRoles.map((r) => r.value).sort(), ['admin', 'operator', 'viewer']);
  assert.ok(app.appRoles.every((r) => r.allowedMemberTypes.includes('User') && r.allowedMemberTypes.includes('Application')));
  assert.deepEqual(app.web.redirectUris, ['https://func.example.net/.auth/login/aad/callback']);
  assert.deepEqual(state().servicePrincipals.map((s) => s.appId), [app.appId]);

  const checked = run(['fleetwire-prod', '--check', '--redirect-uri', 'https://func.example.net/.auth/login/aad/callback'], { FLEETWIRE_AUTH_CLIENT_ID: app.appId });
  assert.equal(checked.code, 0, checked.err);
  assert.equal(checked.out, app.appId);
});

test('a second run finds the registration by name, keeps its ids and changes nothing', () => {
  const { run, state } = tenant();
  const first = run(['rg']);
  const before = state().apps[0];
  const callsBefore = state().calls.length;
  const second = run(['rg']);
  assert.equal(second.code, 0, second.err);
  assert.equal(second.out, first.out);
  assert.deepEqual(state().apps, [before]);
  assert.ok(!state().calls.slice(callsBefore).some((c) => c.includes('PATCH') || c.includes('create')), state().calls.join('\n'));
});

test('the check stops with what to set when the client id is empty', () => {
  const { run } = tenant();
  const checked = run(['rg', '--check']);
  assert.equal(checked.code, 1);
  assert.match(checked.err, /FLEETWIRE_AUTH_CLIENT_ID is empty\. Run 'infra\/entra-app\.sh rg' once/);
  assert.match(checked.err, /FLEETWIRE_ENABLE_AUTH=false/);
});

test('the check lists what a bare registration lacks and changes nothing', () => {
  const { run, state, az } = tenant();
  const app = az(['ad', 'app', 'create', '--display-name', 'fleetwire-rg', '-o', 'json']);
  const checked = run(['rg', '--check', '--redirect-uri', 'https://x/.auth/login/aad/callback'], { FLEETWIRE_AUTH_CLIENT_ID: app.appId });
  assert.equal(checked.code, 1);
  for (const gap of [`identifier URI api://${app.appId}`, 'exposed scope user_impersonation', 'pre-authorized for the Azure CLI', 'app role admin', 'redirect URI https://x/.auth/login/aad/callback', 'service principal']) {
    assert.ok(checked.err.includes(gap), `${gap} not reported in: ${checked.err}`);
  }
  assert.equal(state().servicePrincipals.length, 0);
  assert.ok(!state().calls.some((c) => c.includes('PATCH')));
});

test('--admin assigns the admin role once', () => {
  const { run, state } = tenant();
  run(['rg', '--admin', 'user-object-id']);
  run(['rg', '--admin', 'user-object-id']);
  const admin = state().apps[0].appRoles.find((r) => r.value === 'admin');
  assert.deepEqual(state().assignments, [{ principalId: 'user-object-id', resourceId: state().servicePrincipals[0].id, appRoleId: admin.id }]);
});
