// Preloaded (`node -r`) into a worker child process by the SIGKILL fault drill only: gives every
// BullMQ worker a short job lock and stalled-check interval (QF_DRILL_LOCK_MS), so that a job whose
// worker was killed is recovered in seconds instead of BullMQ's default 30–60 s (lockDuration 30 s,
// stalledInterval 30 s). Production keeps BullMQ's defaults; nothing else changes.
const { join } = require('node:path');
const { Worker } = require('bullmq');
// @nestjs/bullmq does not export its explorer, but the explorer has a static `workerClass` setter.
const { BullExplorer } = require(join(__dirname, '../../node_modules/@nestjs/bullmq/dist/bull.explorer.js'));

const ms = Number(process.env.QF_DRILL_LOCK_MS);
if (ms > 0) {
  BullExplorer.workerClass = class ShortLockWorker extends Worker {
    constructor(name, processor, opts, connection) {
      super(name, processor, { ...opts, lockDuration: ms, stalledInterval: ms }, connection);
    }
  };
}
