import v8 from "node:v8";
import vm from "node:vm";
import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * Native memory the tests drop, freed on time. A SQLite database's serialized bytes (a copy's source, a write
 * watch's snapshot) live outside V8's heap: V8 counts only their small handles, so it rarely collects them, and a
 * collected one is freed only when the event loop turns, which a run of synchronous SQLite calls never lets it do.
 * The fuzz test peaked at 8.5 GB (15 GB at 400 runs per procedure), the authorisation tables at 3.1 GB.
 */
const collect: () => void = (() => {
  // Node exposes `gc` only with --expose-gc; the flag set at run time gives it to a new context.
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc") as () => void;
})();

/** Native bytes dropped between two collections. */
const bytesPerCollection = 256 * 2 ** 20;
let droppedSinceCollection = 0;

/** Notes `bytes` of native memory about to become garbage; every 256 MB of it, a collection and a turn of the loop. */
export async function dropNative(bytes: number): Promise<void> {
  droppedSinceCollection += bytes;
  if (droppedSinceCollection < bytesPerCollection) return;
  droppedSinceCollection = 0;
  collect();
  await nextTurn();
}
