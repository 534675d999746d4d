import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BicepFile, arrayObjects, property, propertyNames, repoDir } from '../checks/bicep.mjs';

// The settings each app is given by infra/ against the settings its code reads. A setting the code
// reads must be set by Bicep for that app, unless it is listed here as optional with its default;
// a setting Bicep sets must be read by the app's code or by the platform it runs on.
const optional = {
  front: {
    FLEETWIRE_HOST: 'binds 0.0.0.0',
    FLEETWIRE_IDLE_TIMEOUT: '10m',
    FLEETWIRE_MAX_FRAME_BYTES: '65536',
    FLEETWIRE_ALLOW_LIST: 'none: on Azure the registered policy reads the Cosmos DB registry',
    FLEETWIRE_FIXED_IMEI: 'no fixed-IMEI listeners',
    FLEETWIRE_PUBLISHER: 'servicebus, because FLEETWIRE_SERVICEBUS_NAMESPACE is set',
    FLEETWIRE_ENVELOPE_BYTES: '196608, below the Standard tier message limit',
    FLEETWIRE_DRAIN_TIMEOUT: '20s, within terminationGracePeriodSeconds',
    FLEETWIRE_MAX_IN_FLIGHT: '10000',
    FLEETWIRE_TLS_PORT: 'TLS off; set by tlsEnv when tlsPort is',
    FLEETWIRE_TLS_CERT: 'the mounted secret path; set by tlsEnv',
    FLEETWIRE_TLS_KEY: 'the mounted secret path; set by tlsEnv',
    FLEETWIRE_MAX_CONNECTIONS: '100000',
    FLEETWIRE_LOGIN_TIMEOUT: '30s',
    FLEETWIRE_FRAME_TIMEOUT: '60s',
    FLEETWIRE_CONNECTION_RATE: '0: the client address is not visible behind TCP ingress',
    FLEETWIRE_FRONT_ID: 'the replica host name',
    FLEETWIRE_LOG_LEVEL: 'INFO',
    FLEETWIRE_SERVICEBUS_CONNECTION: 'none: the managed identity is used',
    FLEETWIRE_COSMOS_KEY: 'none: the managed identity is used',
    FLEETWIRE_TELEMETRY_TTL_DAYS: 'the container TTL from Bicep',
    FLEETWIRE_COSMOS_CONNECTION_MODE: 'direct',
    HOSTNAME: 'set by the container runtime',
  },
  functions: {
    FLEETWIRE_SERVICEBUS_CONNECTION: 'none: the managed identity is used',
    FLEETWIRE_COSMOS_KEY: 'none: the managed identity is used',
    FLEETWIRE_TELEMETRY_TTL_DAYS: 'the container TTL from Bicep',
    FLEETWIRE_COSMOS_CONNECTION_MODE: 'direct',
  },
};

// Read by the platform or an SDK, not by Fleetwire code.
const platform = {
  front: {
    AZURE_CLIENT_ID: 'DefaultAzureCredential picks the user-assigned identity',
  },
  functions: {
    AZURE_CLIENT_ID: 'DefaultAzureCredential picks the user-assigned identity',
    AzureWebJobsStorage__accountName: 'Functions host storage',
    AzureWebJobsStorage__credential: 'Functions host storage',
    AzureWebJobsStorage__clientId: 'Functions host storage',
    APPLICATIONINSIGHTS_CONNECTION_STRING: 'Functions host telemetry',
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Functions host telemetry (Entra ID ingestion)',
  },
};

const apps = {
  front: { sources: ['tcp-front/src/main'] },
  functions: { sources: ['functions/src/main'] },
};
const sharedSettings = 'azure/src/main/java';

function files(dir) {
  return readdirSync(join(repoDir, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(repoDir, path)).isDirectory() ? files(path) : [path];
  });
}

/** Environment variable names a source text reads, and the shared settings classes it uses. */
export function reads(source) {
  const names = new Set();
  for (const pattern of [/\$\{env:([A-Za-z_][A-Za-z0-9_]*)/g, /getenv\("([A-Za-z_][A-Za-z0-9_]*)"\)/g,
    /_ENV\s*=\s*"([A-Za-z_][A-Za-z0-9_]*)"/g, /"%([A-Za-z_][A-Za-z0-9_]*)%"/g, /\$\{([A-Z][A-Z0-9_]*):-/g]) {
    for (const [, name] of source.matchAll(pattern)) {
      names.add(name);
    }
  }
  // An identity-based binding connection reads <name>__fullyQualifiedNamespace, __credential, __clientId.
  for (const [, connection] of source.matchAll(/connection\s*=\s*"([A-Za-z_][A-Za-z0-9_]*)"/g)) {
    ['fullyQualifiedNamespace', 'credential', 'clientId'].forEach((suffix) => names.add(`${connection}__${suffix}`));
  }
  const classes = new Set([...source.matchAll(/\b([A-Z]\w*Settings)\b/g)].map((m) => m[1]));
  return { names, classes };
}

/** What an app's code reads: its own sources, plus every shared settings class they use. */
function codeReads(app) {
  const shared = new Map(files(sharedSettings).filter((f) => /Settings\.java$/.test(f))
    .map((f) => [f.split('/').at(-1).replace('.java', ''), reads(readFileSync(join(repoDir, f), 'utf8'))]));
  const names = new Set();
  const pending = [];
  for (const f of apps[app].sources.flatMap(files).filter((f) => /\.(java|xml|json)$/.test(f))) {
    const found = reads(readFileSync(join(repoDir, f), 'utf8'));
    found.names.forEach((n) => names.add(n));
    pending.push(...found.classes);
  }
  const used = new Set();
  while (pending.length > 0) {
    const name = pending.pop();
    if (shared.has(name) && !used.has(name)) {
      used.add(name);
      shared.get(name).names.forEach((n) => names.add(n));
      pending.push(...shared.get(name).classes);
    }
  }
  return names;
}

/** What Bicep sets for an app. */
function bicepSets(app) {
  if (app === 'front') {
    const front = new BicepFile('infra/modules/front.bicep');
    const [containerApp] = front.resourcesOfType('Microsoft.App/containerApps');
    const [container] = arrayObjects(property(containerApp.body, 'properties.template.containers'));
    const lists = [...property(container, 'env').text.matchAll(/\w+/g)].map((m) => m[0]).filter((n) => front.variables().has(n));
    return new Set(lists.flatMap((list) => arrayObjects(front.variables().get(list)).map((e) => front.literal(property(e, 'name')))));
  }
  const functions = new BicepFile('infra/modules/functions.bicep');
  const [settings] = functions.resources().filter((r) => r.symbol === 'appSettings');
  return new Set(propertyNames(property(settings.body, 'properties')));
}

/** Every mismatch between what Bicep sets and what code reads, as sentences. */
export function settingProblems(app, sets, codeRead) {
  const problems = [];
  for (const name of [...codeRead].sort()) {
    if (!sets.has(name) && !(name in optional[app])) {
      problems.push(`${app} code reads ${name}, which Bicep never sets (set it, or list it as optional with its default)`);
    }
  }
  for (const name of [...sets].sort()) {
    if (!codeRead.has(name) && !(name in platform[app])) {
      problems.push(`Bicep sets ${name} for ${app}, which nothing reads`);
    }
  }
  for (const name of Object.keys(optional[app])) {
    if (!codeRead.has(name)) {
      problems.push(`${name} is listed as optional for ${app}, but its code does not read it`);
    }
  }
  return problems;
}

for (const app of Object.keys(apps)) {
  test(`${app}: Bicep sets exactly the settings its code reads (optional ones aside)`, () => {
    assert.deepEqual(settingProblems(app, bicepSets(app), codeReads(app)), []);
  });
}

test('the comparison reports a setting read but never set, and one set but never read', () => {
  const read = new Set(['FLEETWIRE_QUEUE', 'FLEETWIRE_NEW_KNOB']);
  const set = new Set(['FLEETWIRE_QUEUE', 'FLEETWIRE_STALE']);
  assert.deepEqual(settingProblems('functions', set, read).slice(0, 2), [
    'functions code reads FLEETWIRE_NEW_KNOB, which Bicep never sets (set it, or list it as optional with its default)',
    'Bicep sets FLEETWIRE_STALE for functions, which nothing reads',
  ]);
  const { names, classes } = reads('@Option(defaultValue = "${env:FLEETWIRE_PORT:-5027}") int p; '
    + '@ServiceBusQueueTrigger(queueName = "%FLEETWIRE_QUEUE%", connection = "Bus") String m; CosmosSettings.fromEnvironment(env);');
  assert.deepEqual([...names].sort(), ['Bus__clientId', 'Bus__credential', 'Bus__fullyQualifiedNamespace', 'FLEETWIRE_PORT', 'FLEETWIRE_QUEUE']);
  assert.deepEqual([...classes], ['CosmosSettings']);
});
