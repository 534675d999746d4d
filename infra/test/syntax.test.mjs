import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bicepparamProblems, infraFiles, readRepoFile, syntaxProblems } from '../checks/bicep.mjs';

test('every Bicep file parses without syntax errors', () => {
  const files = infraFiles('.bicep');
  assert.ok(files.includes('infra/main.bicep'), `main.bicep not found among ${files}`);
  for (const file of files) {
    assert.deepEqual(syntaxProblems(readRepoFile(file)), [], `${file} has syntax errors`);
  }
});

test('the parameters file parses without syntax errors', () => {
  for (const file of infraFiles('.bicepparam')) {
    assert.deepEqual(bicepparamProblems(readRepoFile(file)), [], `${file} has syntax errors`);
  }
});

test('the syntax check reports a property without a value', () => {
  const broken = "resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name:\n}\n";
  assert.match(syntaxProblems(broken).join('\n'), /^3:1 MISSING|^\d+:\d+ (ERROR|MISSING)/);
});

test('the syntax check reports an unclosed object and a stray token', () => {
  assert.notDeepEqual(syntaxProblems("param a string = 'x'\nvar b = {\n  c: a\n"), []);
  assert.notDeepEqual(syntaxProblems("var d = [ 1 2 ) ]\n"), []);
});

test('the parameters check reports a value that is not an expression', () => {
  const problems = bicepparamProblems("using './main.bicep'\nparam location = 'west\nparam x = \n");
  assert.notDeepEqual(problems, []);
  assert.notDeepEqual(bicepparamProblems("param location = 'westeurope'\n"), [], 'a file without using is reported');
});
