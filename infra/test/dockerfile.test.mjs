import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readRepoFile } from '../checks/bicep.mjs';

/** Instructions of a Dockerfile: continuation lines joined, comments dropped. */
function instructions(source) {
  const joined = source.replace(/\\\n/g, ' ');
  return joined.split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [, keyword, args] = /^(\S+)\s*(.*)$/.exec(line);
      return { keyword: keyword.toUpperCase(), args };
    });
}

/** Instructions grouped by stage (each FROM starts one). */
function stages(source) {
  const result = [];
  for (const instruction of instructions(source)) {
    if (instruction.keyword === 'FROM') {
      const [image, , alias] = instruction.args.split(/\s+/);
      result.push({ image, alias, instructions: [] });
    } else {
      result.at(-1).instructions.push(instruction);
    }
  }
  return result;
}

const dockerfile = readRepoFile('tcp-front/Dockerfile');
const all = stages(dockerfile);
const runtime = all.at(-1);
const inRuntime = (keyword) => runtime.instructions.filter((i) => i.keyword === keyword);

test('the image is built in a Maven stage with the wrapper and runs on a JRE', () => {
  assert.ok(all.length >= 2, 'not multi-stage');
  assert.match(all[0].image, /^maven:3\.9-eclipse-temurin-17/);
  const build = all[0].instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args).join('\n');
  assert.match(build, /\.\/mvnw -B -pl tcp-front -am package -DskipTests/);
  assert.match(runtime.image, /^eclipse-temurin:17-jre/);
  assert.doesNotMatch(runtime.image, /alpine|jdk/);
  const copy = inRuntime('COPY').map((i) => i.args).join('\n');
  assert.match(copy, new RegExp(`--from=${all[0].alias}\\b.*tcp-front/target/fleetwire-tcp-front\\.jar`));
});

test('the front runs as a non-root user', () => {
  const users = inRuntime('USER');
  assert.ok(users.length > 0, 'no USER in the runtime stage');
  assert.doesNotMatch(users.at(-1).args, /^(root|0)(:|$)/);
});

test('the device and health ports are exposed', () => {
  const ports = inRuntime('EXPOSE').flatMap((i) => i.args.split(/\s+/));
  assert.ok(ports.includes('5027'));
  assert.ok(ports.includes('8080'));
});

test('the health check asks /health/live on the health port', () => {
  const [healthcheck] = inRuntime('HEALTHCHECK');
  assert.ok(healthcheck, 'no HEALTHCHECK');
  assert.match(healthcheck.args, /CMD/);
  assert.match(healthcheck.args, /\/health\/live/);
  assert.match(healthcheck.args, /8080/);
});

test('SIGTERM reaches java: exec-form entrypoint with container-aware memory flags', () => {
  assert.equal(inRuntime('STOPSIGNAL')[0]?.args, 'SIGTERM');
  const [entrypoint] = inRuntime('ENTRYPOINT');
  const argv = JSON.parse(entrypoint.args);
  assert.equal(argv[0], 'java');
  assert.ok(argv.includes('-XX:MaxRAMPercentage=75'));
  assert.ok(argv.includes('-XX:+ExitOnOutOfMemoryError'));
  assert.deepEqual(argv.slice(-2), ['-jar', '/app/fleetwire-tcp-front.jar']);
});

test('the build context leaves out build output, node modules and git', () => {
  const ignored = readRepoFile('.dockerignore').split('\n').map((l) => l.trim());
  for (const entry of ['.git', '**/target', '**/node_modules']) {
    assert.ok(ignored.includes(entry), `${entry} not in .dockerignore`);
  }
});

test('the Dockerfile reader finds a missing USER', () => {
  const rootImage = 'FROM maven:3.9-eclipse-temurin-17 AS build\nRUN ./mvnw -B package\nFROM eclipse-temurin:17-jre\nUSER root\n';
  const last = stages(rootImage).at(-1);
  assert.match(last.instructions.find((i) => i.keyword === 'USER').args, /^(root|0)(:|$)/);
});
