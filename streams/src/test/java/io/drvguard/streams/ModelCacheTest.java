package io.drvguard.streams;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.drvguard.adapters.PackageReader;
import io.drvguard.adapters.sim.DeviceModel;
import io.drvguard.facts.policy.PolicySettings;
import io.drvguard.facts.policy.Target;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A cached model is used only for the exact stored state (and target) it stands for. */
class ModelCacheTest {
  private static PackageRegistry registry;

  @BeforeAll
  static void load() throws Exception {
    registry = PackageRegistry.of(PolicySettings.DEFAULTS,
        new PackageReader().read(Path.of("../examples/toastbus-vulnerable/drvguard.yaml")));
  }

  private static DeviceModel model() {
    return registry.newModel("m1", "toastbus-vulnerable", Target.WIN10);
  }

  @Test
  void givesTheModelBackOnlyForTheStateItStandsFor() {
    ModelCache cache = new ModelCache(8);
    DeviceModel m = model();
    cache.put("k", "{\"state\":1}", Target.WIN10, m);
    assertSame(m, cache.get("k", "{\"state\":1}", Target.WIN10));
    // the store lost, restored or rolled back the state: the model no longer stands for it
    assertNull(cache.get("k", "{\"state\":0}", Target.WIN10));
    assertNull(cache.get("k", null, Target.WIN10));
    assertNull(cache.get("k", "{\"state\":1}", Target.WIN7), "another target is another model");
    assertNull(cache.get("other", "{\"state\":1}", Target.WIN10));
  }

  @Test
  void aFailedStepsModelIsForgottenAndTheLeastRecentlyUsedGoFirst() {
    ModelCache cache = new ModelCache(2);
    DeviceModel a = model();
    DeviceModel b = model();
    cache.put("a", null, Target.WIN10, a);
    cache.put("b", null, Target.WIN10, b);
    cache.forget("b");
    assertNull(cache.get("b", null, Target.WIN10));
    cache.put("b", null, Target.WIN10, b);
    assertSame(a, cache.get("a", null, Target.WIN10));   // a is now the most recent
    cache.put("c", null, Target.WIN10, model());
    assertNull(cache.get("b", null, Target.WIN10), "b, the least recently used, made room for c");
    assertSame(a, cache.get("a", null, Target.WIN10));
  }
}
