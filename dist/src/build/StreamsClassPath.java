import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * Build step of dist (run by the exec plugin, as a Java source file): writes the manifest that
 * gives lib/drvguard-streams.jar its Class-Path. The names come from the dependency plugin's
 * build-classpath as ./NAME:./NAME; a manifest wants NAME NAME, and Maven trims a space given as
 * build-classpath's separator, so this step makes the one from the other.
 * Arguments: the manifest file to write, then the lists (each ':'-separated).
 */
public class StreamsClassPath {
  public static void main(String[] args) throws Exception {
    String names = Arrays.stream(args).skip(1).flatMap(list -> Arrays.stream(list.split(":")))
        .map(n -> n.startsWith("./") ? n.substring(2) : n).filter(n -> !n.isEmpty()).collect(Collectors.joining(" "));
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.CLASS_PATH, names);
    Path out = Path.of(args[0]);
    Files.createDirectories(out.getParent());
    try (OutputStream o = Files.newOutputStream(out)) {
      m.write(o);
    }
  }
}
