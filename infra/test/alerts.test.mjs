import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BicepFile, arrayObjects, infraFiles, property, readRepoFile } from '../checks/bicep.mjs';

const main = new BicepFile('infra/main.bicep');

/** What keeps the dead-letter alert from reaching anyone, empty when nothing does. */
export function deadLetterAlertProblems(files) {
  const alerts = files.flatMap((file) => file.resourcesOfType('Microsoft.Insights/metricAlerts').map((r) => ({ file, r })))
    .filter(({ r }) => arrayObjects(property(r.body, 'properties.criteria.allOf'))
      .some((c) => r.conditional === false && c && property(c, 'metricName')?.text === "'DeadletteredMessages'"));
  if (alerts.length === 0) {
    return ['no unconditional metric alert on DeadletteredMessages'];
  }
  const problems = [];
  for (const { file, r } of alerts) {
    const [criterion] = arrayObjects(property(r.body, 'properties.criteria.allOf'));
    if (!/namespace\.id/.test(property(r.body, 'properties.scopes').text)) {
      problems.push(`${r.symbol} is not scoped to the Service Bus namespace`);
    }
    const [dimension] = arrayObjects(property(criterion, 'dimensions'));
    if (!dimension || file.literal(property(dimension, 'name')) !== 'EntityName' || !/queueName/.test(property(dimension, 'values').text)) {
      problems.push(`${r.symbol} does not watch the telemetry queue (EntityName)`);
    }
    if (file.literal(property(criterion, 'operator')) !== 'GreaterThan' || file.literal(property(criterion, 'threshold')) !== 0) {
      problems.push(`${r.symbol} does not fire on the first dead-lettered message`);
    }
    const [action] = arrayObjects(property(r.body, 'properties.actions'));
    const group = file.resourcesOfType('Microsoft.Insights/actionGroups').find((g) => action && property(action, 'actionGroupId').text === `${g.symbol}.id`);
    if (!group || !/emailAddress: alertEmail/.test(group.text)) {
      problems.push(`${r.symbol} is not routed to an action group mailing alertEmail`);
    }
  }
  return problems;
}

test('a metric alert on dead-lettered telemetry reaches the action group whose e-mail is a parameter', () => {
  const files = infraFiles('.bicep').map((path) => new BicepFile(path));
  assert.deepEqual(deadLetterAlertProblems(files), []);
  const alerts = main.modules().find((m) => m.path === 'modules/alerts.bicep');
  assert.ok(alerts && !alerts.conditional, 'main.bicep does not deploy the alerts');
  assert.equal(property(alerts.body, 'params.alertEmail').text, 'alertEmail');
  assert.equal(main.literal(main.params().get('alertEmail').defaultNode), '');
  assert.equal(property(alerts.body, 'params.queueName').text, 'messaging.outputs.queueName');
});

test('the check notices a missing dead-letter alert or one that mails nobody', () => {
  const source = new BicepFile('infra/modules/alerts.bicep').source;
  const without = source.replace(/resource deadLetters[\s\S]*?\n}\n/, '');
  assert.deepEqual(deadLetterAlertProblems([new BicepFile('without.bicep', without)]), ['no unconditional metric alert on DeadletteredMessages']);
  const silent = source.replace('emailAddress: alertEmail', "emailAddress: 'nobody@example.com'");
  assert.deepEqual(deadLetterAlertProblems([new BicepFile('silent.bicep', silent)]), ['deadLetters is not routed to an action group mailing alertEmail']);
});

test('front readiness failures raise a log alert on the Container Apps system logs', () => {
  const file = new BicepFile('infra/modules/alerts.bicep');
  const [rule] = file.resourcesOfType('Microsoft.Insights/scheduledQueryRules');
  assert.ok(rule && !rule.conditional);
  const [criterion] = arrayObjects(property(rule.body, 'properties.criteria.allOf'));
  const query = property(criterion, 'query').text;
  assert.match(query, /^'ContainerAppSystemLogs \| where ContainerAppName == \\'\$\{frontAppName\}\\' \| where Log contains \\'readiness probe failed\\''$/);
  assert.match(property(rule.body, 'properties.scopes').text, /workspaceId/);
  assert.match(property(rule.body, 'properties.actions.actionGroups').text, /actionGroup\.id/);
  assert.equal(property(main.modules().find((m) => m.path === 'modules/alerts.bicep').body, 'params.frontAppName').text, 'names.frontApp');
});

test('deploy.sh and the workflow pass the alert e-mail', () => {
  for (const path of ['infra/deploy.sh', '.github/workflows/deploy.yml']) {
    assert.match(readRepoFile(path), /alertEmail="\$(\{FLEETWIRE_ALERT_EMAIL:-\}|FLEETWIRE_ALERT_EMAIL)"/, path);
  }
});
