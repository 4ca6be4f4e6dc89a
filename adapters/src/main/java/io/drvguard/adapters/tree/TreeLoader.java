package io.drvguard.adapters.tree;

import io.drvguard.adapters.InputException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.configuration2.YAMLConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;

/**
 * Loads an input file through Apache Commons Configuration into a {@link Section} tree whose errors
 * carry the file, key path and line. The format follows the file name: {@code .json} is JSON
 * ({@link JsonTree}: the node tree Commons Configuration's {@code JSONConfiguration} gives),
 * {@code .properties} is a properties file ({@link PropertiesTree}: {@code driver.name = x},
 * {@code deviceObjects[0].id = pdo0}), {@code .xml} is XML ({@link XmlTree}: elements are keys,
 * repeated elements lists; DTDs and entities refused), anything else ({@code .yaml}, {@code .yml})
 * is YAML. Every format gives the same node tree, so one reader serves them all.
 */
public final class TreeLoader {
  private TreeLoader() {}

  /**
   * @param kind the kind of document ({@code manifest}, {@code config}…), the prefix of error codes
   */
  public static Section load(String kind, Path path) throws InputException {
    String file = path.toString();
    String text = readText(kind, path);
    String lower = file.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".properties")) {
      PropertiesTree.Loaded p = PropertiesTree.load(kind, file, text);
      return new Section(kind, file, "", p.root(), p.positions());
    }
    if (lower.endsWith(".xml")) {
      XmlTree.Loaded x = XmlTree.load(kind, file, text);
      return new Section(kind, file, "", x.root(), x.positions());
    }
    return fromText(kind, file, text, lower.endsWith(".json"), true);
  }

  /**
   * Reads JSON text that came from no file: a message that is one record (a stream event, module
   * {@code streams}), with the checks of a {@code .json} file; {@code name} stands for the file in
   * its errors, which are named without the line of each key. Finding those lines takes a second parse (the
   * YAML composer), which was a third of the time of deciding an event (bench/README.md, "Streams
   * throughput"), while a message is a single line as producers write it; a syntax error still
   * gets its line and column from the JSON parser.
   */
  public static Section message(String kind, String name, String text) throws InputException {
    InputLimits.checkLines(kind, name, text);
    return fromText(kind, name, text, true, false);
  }

  private static Section fromText(String kind, String file, String text, boolean json, boolean lines)
      throws InputException {
    ImmutableNode root = json ? JsonTree.read(kind, file, text) : null;
    // JSON is (nearly always) YAML flow syntax, so the same composer gives JSON files their
    // lines too; for the rare JSON it cannot compose, messages go without a line
    Positions positions = Positions.NONE;
    try {
      if (lines) {
        positions = YamlPositions.of(kind, file, text);
      }
    } catch (InputException e) {
      if (!json) {
        throw e;
      }
    }
    if (!json) {
      YAMLConfiguration yaml = new YAMLConfiguration();
      try {
        yaml.read(new StringReader(text));
      } catch (ConfigurationException | RuntimeException e) {
        throw new InputException(file, kind + "_unreadable", rootMessage(e));
      }
      root = yaml.getNodeModel().getNodeHandler().getRootNode();
    }
    return new Section(kind, file, "", root, positions);
  }

  private static String readText(String kind, Path manifest) throws InputException {
    String file = manifest.toString();
    InputLimits.checkSize(kind, manifest, InputLimits.wholeLimit(kind));
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(manifest);
    } catch (NoSuchFileException e) {
      throw new InputException(file, "file_not_found", "no such file");
    } catch (IOException e) {
      throw new InputException(file, "file_unreadable", "cannot read: " + e.getMessage());
    }
    try {
      String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
      text = text.startsWith("\uFEFF") ? text.substring(1) : text;
      InputLimits.checkLines(kind, file, text);
      return text;
    } catch (CharacterCodingException e) {
      throw new InputException(file, kind + "_encoding", "not valid UTF-8 text");
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return m.replaceAll("\\s*\\R\\s*", " ").trim();
  }
}
