import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { readRepoFile, repoDir } from '../checks/bicep.mjs';

const workflowDir = '.github/workflows';
const workflows = readdirSync(join(repoDir, workflowDir)).filter((f) => /\.ya?ml$/.test(f)).sort();
const load = (name) => parse(readRepoFile(`${workflowDir}/${name}`), { strict: true, uniqueKeys: true });
const steps = (workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps ?? []);
const allowedActions = /^(actions\/(checkout|setup-java|setup-node|upload-artifact)|azure\/login|docker\/[\w-]+)@v\d+$/;

/** The test command of .ci/run: its last command line. */
function ciRunCommand() {
  const lines = readRepoFile('.ci/run').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  return lines.at(-1);
}

test('there are a ci and a deploy workflow and both are valid YAML with jobs', () => {
  assert.deepEqual(workflows, ['ci.yml', 'deploy.yml']);
  for (const name of workflows) {
    const workflow = load(name);
    assert.ok(workflow.on, `${name} has no trigger`);
    assert.ok(Object.keys(workflow.jobs).length > 0, `${name} has no jobs`);
  }
});

test('workflows use only well-known actions, pinned to a major version', () => {
  for (const name of workflows) {
    for (const step of steps(load(name)).filter((s) => s.uses)) {
      assert.match(step.uses, allowedActions, `${name}: ${step.uses}`);
    }
  }
});

test('scripts the workflows run are the repository\'s own and exist', () => {
  for (const name of workflows) {
    for (const step of steps(load(name)).filter((s) => s.run)) {
      for (const [, script] of step.run.matchAll(/(?:^|\s)(\.\/[\w./-]+|(?:infra|\.ci|simulator|scripts)\/[\w./-]+\.(?:sh|bicep|bicepparam|jar))/g)) {
        const path = script.replace(/^\.\//, '');
        if (!path.includes('/target/')) {
          assert.ok(existsSync(join(repoDir, path)), `${name} runs ${script}, which does not exist`);
        }
      }
    }
  }
});

test('ci runs the same test command as .ci/run and uploads the test reports', () => {
  const command = ciRunCommand();
  assert.equal(command, './scripts/test.sh');
  const ci = load('ci.yml');
  assert.ok('push' in ci.on && 'pull_request' in ci.on, 'ci must run on push and pull requests');
  const runs = steps(ci).filter((s) => s.run).map((s) => s.run.trim());
  assert.ok(runs.includes(command), `ci.yml does not run ${command}`);
  const upload = steps(ci).find((s) => s.uses?.startsWith('actions/upload-artifact'));
  assert.match(upload.with.path, /surefire-reports/);
  assert.equal(upload.if, 'always()');
  const java = steps(ci).find((s) => s.uses?.startsWith('actions/setup-java'));
  assert.equal(String(java.with['java-version']), '17');
  const node = steps(ci).find((s) => s.uses?.startsWith('actions/setup-node'));
  assert.equal(String(node.with['node-version']), '20');
});

test('deploy logs in with OIDC and deploys the Bicep, the image, the functions, then smoke-tests', () => {
  const deploy = load('deploy.yml');
  assert.ok('workflow_dispatch' in deploy.on && deploy.on.push.tags, 'deploy runs by hand or on a tag');
  assert.equal(deploy.permissions['id-token'], 'write');
  const all = steps(deploy);
  const login = all.find((s) => s.uses?.startsWith('azure/login'));
  assert.ok(login.with['client-id'] && !login.with.creds, 'azure/login must use OIDC, not a stored secret');
  const script = all.filter((s) => s.run).map((s) => s.run).join('\n');
  assert.ok(all.filter((s) => s.run).some((s) => s.run.trim() === ciRunCommand()), 'deploy must test what it ships');
  assert.equal(deploy.jobs.deploy.needs, 'test', 'deploy must wait for the tests');
  assert.match(script, /az deployment group create[\s\S]*--template-file infra\/main\.bicep[\s\S]*--parameters infra\/main\.bicepparam/);
  assert.match(script, /az acr build[\s\S]*--file tcp-front\/Dockerfile/);
  assert.match(script, /az functionapp deployment source config-zip/);
  assert.match(script, /functions\/target\/azure-functions/);
  const runs = all.filter((s) => s.run).map((s) => s.run);
  const at = (pattern) => runs.findIndex((r) => pattern.test(r));
  assert.ok(at(/scripts\/smoke\.sh "\$API_URL" "\$DEVICE_ENDPOINT"/) > at(/config-zip/), 'the smoke test runs after the function app is deployed');
  assert.match(runs[at(/scripts\/smoke\.sh/)], /az account get-access-token --resource "api:\/\/\$FLEETWIRE_AUTH_CLIENT_ID"/);
});

test('deploy checks sign-in before deploying anything and passes the same client id to Bicep', () => {
  const deploy = load('deploy.yml');
  const all = steps(deploy);
  const runs = all.filter((s) => s.run).map((s) => s.run);
  const check = all.findIndex((s) => /^infra\/entra-app\.sh "\$RESOURCE_GROUP" --check$/.test(s.run?.trim()));
  const firstDeploy = all.findIndex((s) => /az deployment group create/.test(s.run ?? ''));
  assert.ok(check >= 0 && check < firstDeploy, 'sign-in must be checked before the first deployment');
  assert.equal(all[check].if, "env.FLEETWIRE_ENABLE_AUTH == 'true'");
  assert.equal(deploy.env.FLEETWIRE_AUTH_CLIENT_ID, '${{ vars.FLEETWIRE_AUTH_CLIENT_ID }}');
  assert.equal(deploy.env.FLEETWIRE_ENABLE_AUTH, "${{ vars.FLEETWIRE_ENABLE_AUTH || 'true' }}");
  for (const run of runs.filter((r) => /az deployment group create/.test(r))) {
    assert.match(run, /enableAuthentication="\$FLEETWIRE_ENABLE_AUTH" authClientId="\$FLEETWIRE_AUTH_CLIENT_ID"/);
  }
  const redirect = runs.findIndex((r) => /entra-app\.sh "\$RESOURCE_GROUP" --check --redirect-uri "\$\{API_URL%\/api\}\/\.auth\/login\/aad\/callback"/.test(r));
  assert.ok(redirect >= 0 && redirect < runs.findIndex((r) => /config-zip/.test(r)), 'the redirect URI is checked before the function app is deployed');
  const script = readRepoFile('infra/deploy.sh');
  assert.match(script, /auth_client_id=\$\("\$repo_dir\/infra\/entra-app\.sh" "\$resource_group"/);
  assert.match(script, /entra-app\.sh" "\$resource_group" --redirect-uri "\$\{api_url%\/api\}\/\.auth\/login\/aad\/callback"/);
});

test('deploy.sh is valid bash and deploys the same template, image and package as the workflow', () => {
  execFileSync('bash', ['-n', join(repoDir, 'infra/deploy.sh')]);
  const script = readRepoFile('infra/deploy.sh');
  assert.match(script, /az deployment group create[\s\S]*--template-file "\$repo_dir\/infra\/main\.bicep"[\s\S]*--parameters "\$repo_dir\/infra\/main\.bicepparam"/);
  assert.match(script, /az acr build[\s\S]*--file "\$repo_dir\/tcp-front\/Dockerfile"/);
  assert.match(script, /az functionapp deployment source config-zip/);
  assert.match(script, /image_repository=fleetwire-tcp-front/);
  assert.match(readRepoFile('.github/workflows/deploy.yml'), /IMAGE_REPOSITORY: fleetwire-tcp-front/);
});

test('the workflow checks reject an unknown action', () => {
  assert.doesNotMatch('someone/deploy-anything@v1', allowedActions);
  assert.doesNotMatch('actions/checkout@main', allowedActions);
  assert.throws(() => parse('on: push\njobs:\n  a: 1\n  a: 2\n', { strict: true, uniqueKeys: true }));
});
