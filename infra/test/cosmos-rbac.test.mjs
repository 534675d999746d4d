import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BicepFile, infraFiles } from '../checks/bicep.mjs';

const sqlRoleAssignment = 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments';

/**
 * Pairs of Cosmos DB role assignments ARM may deploy at the same time. Cosmos DB runs one
 * role-assignment operation per account at a time and fails a concurrent one, so there must be
 * none: every two assignments are ordered by a dependency (dependsOn or a reference, directly or
 * through other resources), and a loop of them carries @batchSize(1).
 */
export function parallelCosmosRoleAssignments(file) {
  const resources = file.resources();
  const symbols = resources.map((r) => r.symbol);
  const direct = new Map(resources.map((r) => [r.symbol, symbols.filter((s) => s !== r.symbol && new RegExp(`\\b${s}\\b`).test(bodyText(r)))]));
  const reaches = (from, to, seen = new Set()) => {
    for (const next of direct.get(from)) {
      if (next === to || (!seen.has(next) && (seen.add(next), reaches(next, to, seen)))) {
        return true;
      }
    }
    return false;
  };
  const assignments = resources.filter((r) => r.type.toLowerCase() === sqlRoleAssignment.toLowerCase());
  const problems = [];
  for (const r of assignments.filter((a) => a.loop && !a.decorators.includes('@batchSize(1)'))) {
    problems.push(`${r.symbol} is a loop without @batchSize(1)`);
  }
  assignments.forEach((a, i) => {
    for (const b of assignments.slice(i + 1)) {
      if (!reaches(a.symbol, b.symbol) && !reaches(b.symbol, a.symbol)) {
        problems.push(`${a.symbol} and ${b.symbol} can deploy in parallel`);
      }
    }
  });
  return problems;
}

// The declaration's value only: a resource's own symbol and type string are not references.
function bodyText(resource) {
  const named = resource.node.namedChildren;
  return named[named.length - 1].text;
}

test('Cosmos DB role assignments are all in one template and deploy one after another', () => {
  const holders = infraFiles('.bicep').filter((path) => new BicepFile(path).resourcesOfType(sqlRoleAssignment).length > 0);
  assert.deepEqual(holders, ['infra/modules/rbac.bicep'], 'role assignments in two modules would deploy in parallel');
  const rbac = new BicepFile('infra/modules/rbac.bicep');
  assert.ok(rbac.resourcesOfType(sqlRoleAssignment).length >= 3);
  assert.deepEqual(parallelCosmosRoleAssignments(rbac), []);
});

test('the check finds two unordered Cosmos DB role assignments and an unbatched loop', () => {
  const assignment = (symbol, extra = '') => `resource ${symbol} '${sqlRoleAssignment}@2024-11-15' = {
  parent: cosmos
  name: '${symbol}'
${extra}}
`;
  const header = "resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {\n  name: 'c'\n}\n";
  const unordered = new BicepFile('unordered.bicep', header + assignment('first') + assignment('second'));
  assert.deepEqual(parallelCosmosRoleAssignments(unordered), ['first and second can deploy in parallel']);
  const chained = new BicepFile('chained.bicep', header + assignment('first') + assignment('second', '  dependsOn: [\n    first\n  ]\n'));
  assert.deepEqual(parallelCosmosRoleAssignments(chained), []);
  const loop = `resource many '${sqlRoleAssignment}@2024-11-15' = [for p in ['a', 'b']: {
  parent: cosmos
  name: p
}]
`;
  assert.deepEqual(parallelCosmosRoleAssignments(new BicepFile('loop.bicep', header + loop)), ['many is a loop without @batchSize(1)']);
  assert.deepEqual(parallelCosmosRoleAssignments(new BicepFile('batched.bicep', `${header}@batchSize(1)\n${loop}`)), []);
});
