package io.drvguard.streams;

import io.drvguard.adapters.sim.DeviceModel;
import io.drvguard.facts.policy.Target;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The device models of the machines decided last, each with the stored state text it stands for,
 * so that a machine's next event need not parse its state again (that parse was an eighth of the
 * time of an event: bench/README.md, "Streams throughput"). The store stays the truth: a model is
 * used only while the store still holds exactly the text it was made from or wrote, so a state the
 * store lost, restored or rolled back (a rebalance, an aborted transaction) makes a new model.
 * Bounded, least recently used first out; shared by the stream threads, so synchronized.
 */
final class ModelCache {
  static final int DEFAULT_CAPACITY = 4096;

  private record Entry(String state, Target target, DeviceModel model) {}

  private final Map<String, Entry> entries;

  ModelCache(int capacity) {
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The model for {@code key} whose state is {@code stored} (null: none stored), or null. */
  synchronized DeviceModel get(String key, String stored, Target target) {
    Entry e = entries.get(key);
    if (e == null || !Objects.equals(e.state(), stored) || !Objects.equals(e.target(), target)) {
      return null;
    }
    return e.model();
  }

  /** {@code model} now stands for the stored text {@code state}. */
  synchronized void put(String key, String state, Target target, DeviceModel model) {
    entries.put(key, new Entry(state, target, model));
  }

  /** A model that may be half-way through a step that failed is not used again. */
  synchronized void forget(String key) {
    entries.remove(key);
  }
}
