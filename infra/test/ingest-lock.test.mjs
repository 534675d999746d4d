import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BicepFile, property, readRepoFile } from '../checks/bicep.mjs';

// A batch-triggered Java function gets no lock renewal (host.json maxAutoLockRenewalDuration only
// applies to single-message functions), so everything an ingest invocation does must fit in the
// queue's peek-lock: these checks read the two files that decide it against each other.
const messaging = new BicepFile('infra/modules/messaging.bicep');
const host = JSON.parse(readRepoFile('functions/host.json'));
const serviceBus = host.extensions.serviceBus;

/** Seconds of an ISO-8601 duration (PT5M) or of a .NET time span (00:04:30). */
function seconds(text) {
  const iso = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(text);
  if (iso) {
    return Number(iso[1] ?? 0) * 3600 + Number(iso[2] ?? 0) * 60 + Number(iso[3] ?? 0);
  }
  const span = /^(\d+):(\d{2}):(\d{2})$/.exec(text);
  assert.ok(span, `not a duration: ${text}`);
  return Number(span[1]) * 3600 + Number(span[2]) * 60 + Number(span[3]);
}

function lockSeconds() {
  const [queue] = messaging.resourcesOfType('Microsoft.ServiceBus/namespaces/queues');
  return seconds(messaging.literal(property(queue.body, 'properties.lockDuration')));
}

test('the queue lock outlasts an ingest invocation, so a batch is never redelivered while it runs', () => {
  const lock = lockSeconds();
  const timeout = seconds(host.functionTimeout);
  const wait = seconds(serviceBus.maxBatchWaitTime);
  assert.ok(lock <= 300, `Service Bus allows a lock of at most 5 minutes, got ${lock} s`);
  assert.ok(wait <= lock / 2, `maxBatchWaitTime may be at most half the lock (${wait} s of ${lock} s)`);
  assert.ok(wait + timeout < lock, `batch wait ${wait} s + functionTimeout ${timeout} s must end inside the ${lock} s lock`);
});

test('the settings that do not apply to batch functions are not set, so nobody relies on them', () => {
  assert.equal(serviceBus.maxAutoLockRenewalDuration, undefined);
  assert.equal(serviceBus.maxConcurrentCalls, undefined);
});

test('a worst-case batch of full envelopes is stored within half the lock at the serverless RU ceiling', () => {
  // The figures of docs/FUNCTIONS.md "Batch size and lock": Standard's 256 KiB message limit caps an
  // envelope; a record without IO elements is about 300 bytes of JSON; each record costs an upsert
  // (~5 RU) and, at worst, one device-state patch (~6 RU); a serverless container serves 5,000 RU/s.
  const envelopeBytes = 256 * 1024;
  const smallestRecordBytes = 300;
  const ruPerRecord = 5 + 6;
  const ruPerSecond = 5000;
  const batch = serviceBus.maxMessageBatchSize;
  assert.ok(Number.isInteger(batch) && batch >= 1, 'maxMessageBatchSize is set');
  const worstSeconds = (batch * Math.floor(envelopeBytes / smallestRecordBytes) * ruPerRecord) / ruPerSecond;
  assert.ok(worstSeconds <= lockSeconds() / 2,
    `${batch} full envelopes need ${worstSeconds.toFixed(1)} s of RU, more than half the ${lockSeconds()} s lock`);
});
