package io.drvguard.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.facts.ioctl.Method;
import io.drvguard.facts.model.DeviceObjectKind;
import io.drvguard.facts.request.OpenRequest;
import io.drvguard.facts.security.Sid;
import io.drvguard.facts.security.Token;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/authoring.md's fact reference is what {@link FactReference} generates from the code now.
 * With {@code -Ddrvguard.writeFactReference=true} the test rewrites the guide first (the command
 * {@link FactReference#REGENERATE}).
 */
class FactReferenceTest {
  // surefire runs each module in its own directory
  private static final Path ROOT = Path.of("..");
  private static final String RULES = "rules/src/main/resources/drvguard/rules";

  @Test
  void theAuthoringGuideHoldsTheReferenceTheCodeGivesNow() throws IOException {
    Path guide = ROOT.resolve(FactReference.GUIDE);
    String generated = FactReference.generate(ROOT);
    if (Boolean.getBoolean("drvguard.writeFactReference")) {
      Files.writeString(guide, FactReference.withBlock(Files.readString(guide, StandardCharsets.UTF_8), generated),
          StandardCharsets.UTF_8);
    }
    String inGuide = FactReference.blockOf(Files.readString(guide, StandardCharsets.UTF_8));
    assertNotNull(inGuide, FactReference.GUIDE + " lacks the generated block (" + FactReference.END + ")");
    assertEquals(generated, inGuide, FactReference.GUIDE + "'s fact reference differs from what the code gives now:"
        + " regenerate it from the checkout with `" + FactReference.REGENERATE + "` and commit the result");
  }

  @Test
  void everyClassABundledRuleImportsHasItsSection() {
    String generated = FactReference.generate(ROOT);
    List<Class<?>> imported = List.copyOf(FactReference.drlImports(ROOT.resolve(RULES)));
    assertTrue(imported.contains(DeviceObjectKind.class), imported.toString());
    for (Class<?> c : imported) {
      assertTrue(generated.contains("\n#### `" + FactReference.displayName(c) + "` ("), c.getName());
    }
  }

  @Test
  void typesAreFollowedThroughTheMembersThatGiveThem() {
    List<Class<?>> types = FactReference.types(ROOT);
    // no bundled rule imports Token or Sid: an author reaches them through OpenRequest.token()
    assertTrue(types.contains(OpenRequest.class), types.toString());
    assertTrue(types.contains(Token.class), types.toString());
    assertTrue(types.contains(Sid.class), types.toString());
  }

  @Test
  void meaningsComeFromTheJavadoc() {
    String generated = FactReference.generate(ROOT);
    // a record component's @param, a method's first sentence, an enum constant's javadoc
    assertTrue(generated.contains("| `found` | `boolean` | false when no device object has the name"), generated);
    assertTrue(generated.contains("| `hasSid(Sid sid)` | `boolean` | True when `sid` is the user or one of the groups. |"),
        generated);
    assertTrue(generated.contains("| `OpenKind.DIRECT` | `OpenKind` |"), generated);
  }

  @Test
  void aNewlyImportedTypeIsPickedUpWithoutListingIt(@TempDir Path checkout) throws IOException {
    Path rules = Files.createDirectories(checkout.resolve(RULES).resolve("acme"));
    Files.writeString(rules.resolve("Acme.drl"), """
        package drvguard.rules.acme
        import java.util.List
        import io.drvguard.facts.ioctl.Method
        """);
    Files.createDirectories(checkout.resolve("facts/src/main/java/io/drvguard/facts/request"));
    // Method's members give only Method, int and String: nothing else joins it
    assertEquals(List.of(Method.class), FactReference.types(checkout));
  }

  @Test
  void anImportThatDoesNotLoadIsAnError(@TempDir Path checkout) throws IOException {
    Path rules = Files.createDirectories(checkout.resolve(RULES));
    Files.writeString(rules.resolve("Bad.drl"), "import io.drvguard.facts.model.NoSuchFact\n");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> FactReference.drlImports(rules));
    assertTrue(e.getMessage().contains("Bad.drl") && e.getMessage().contains("NoSuchFact"), e.getMessage());
  }
}
