/**
 * Test fixture for outbox.test.ts: commits a walk-in on the database given as argument and is
 * SIGKILLed from inside the store's transaction, right after the outbox row was inserted.
 */
import * as engine from '../engine/engine.ts';
import { EngineHarness } from '../engine/test-harness.ts';
import { openDatabase } from '../store/database.ts';
import { QueueStore } from '../store/queue-store.ts';

const db = openDatabase(process.argv[2] as string);
db.function('die_now', () => {
  process.kill(process.pid, 'SIGKILL');
  return null;
});
db.exec('CREATE TEMP TRIGGER die_after_outbox AFTER INSERT ON outbox BEGIN SELECT die_now(); END');
const h = new EngineHarness();
const store = new QueueStore(db, 'DPS');
h.state = store.load(h.day, h.config);
const { changes } = engine.walkIn(h.state, 'informasi', h.ctx());
store.commitBatch([{ day: h.day, changes }]);
console.error('the commit finished: the trigger did not fire');
