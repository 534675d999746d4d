// Stands in for the Azure CLI's Entra ID commands that infra/entra-app.sh uses, over a JSON file
// ($FAKE_AZ_STATE) of applications, service principals and role assignments. It refuses what Microsoft
// Graph refuses: a pre-authorization naming a scope that does not exist. Every call is logged.
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const stateFile = process.env.FAKE_AZ_STATE;
const state = JSON.parse(readFileSync(stateFile, 'utf8'));
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const firstOption = args.findIndex((a) => a.startsWith('-'));
const words = args.slice(0, firstOption < 0 ? args.length : firstOption).join(' ');
state.calls.push(args.join(' '));

function done(output, code = 0) {
  writeFileSync(stateFile, JSON.stringify(state, null, 2));
  if (output !== undefined) {
    process.stdout.write(`${JSON.stringify(output)}\n`);
  }
  process.exit(code);
}

function fail(message) {
  process.stderr.write(`ERROR: ${message}\n`);
  done(undefined, 1);
}

const appById = (id) => state.apps.find((a) => a.appId === id || a.id === id);

if (words === 'ad app list') {
  done(state.apps.filter((a) => a.displayName === option('--display-name')));
} else if (words === 'ad app create') {
  const app = { id: randomUUID(), appId: randomUUID(), displayName: option('--display-name'), identifierUris: [], appRoles: [], api: { oauth2PermissionScopes: [], preAuthorizedApplications: [], requestedAccessTokenVersion: null }, web: { redirectUris: [] } };
  state.apps.push(app);
  done(app);
} else if (words === 'ad app show') {
  const app = appById(option('--id'));
  if (!app) {
    fail(`Resource '${option('--id')}' does not exist`);
  }
  done(app);
} else if (words === 'ad sp list') {
  const appId = /appId eq '([^']+)'/.exec(option('--filter'))[1];
  done(state.servicePrincipals.filter((s) => s.appId === appId));
} else if (words === 'ad sp create') {
  const sp = { id: randomUUID(), appId: option('--id') };
  state.servicePrincipals.push(sp);
  done(sp);
} else if (words === 'rest') {
  const uri = option('--uri');
  const method = option('--method');
  const assignedTo = /servicePrincipals\/([^/]+)\/appRoleAssignedTo$/.exec(uri);
  if (assignedTo && method === 'GET') {
    done({ value: state.assignments.filter((a) => a.resourceId === assignedTo[1]) });
  } else if (assignedTo && method === 'POST') {
    state.assignments.push(JSON.parse(option('--body')));
    done({});
  } else if (method === 'PATCH' && /\/applications\/[^/]+$/.test(uri)) {
    const app = appById(uri.split('/').at(-1));
    const body = JSON.parse(option('--body'));
    const scopes = body.api?.oauth2PermissionScopes ?? app.api.oauth2PermissionScopes;
    for (const pre of body.api?.preAuthorizedApplications ?? []) {
      if (!pre.delegatedPermissionIds.every((id) => scopes.some((s) => s.id === id))) {
        fail('Property PreAuthorizedApplication references applications that do not exist');
      }
    }
    for (const [key, value] of Object.entries(body)) {
      app[key] = typeof value === 'object' && !Array.isArray(value) ? { ...app[key], ...value } : value;
    }
    done(undefined);
  }
}
fail(`fake az does not know: ${args.join(' ')}`);
