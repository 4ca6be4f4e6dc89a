package io.drvguard.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamsSettingsTest {
  @TempDir Path dir;

  @Test
  void exactlyOnceByDefault() throws Exception {
    StreamsSettings s = StreamsSettings.load(null, List.of());
    assertEquals(StreamsConfig.EXACTLY_ONCE_V2, s.kafka().getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
    assertEquals("drvguard-streams", s.kafka().getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
    assertEquals(Topics.DEFAULTS, s.topics());
    assertNull(s.packages());
  }

  @Test
  void setsWinOverTheFileAndDrvguardKeysStayOutOfKafkas() throws Exception {
    Path f = dir.resolve("fleet.properties");
    Files.writeString(f, """
        bootstrap.servers=kafka-1:9092
        application.id=fleet
        drvguard.packages.dir=/srv/packages
        drvguard.topic.events=etw.events
        """);
    StreamsSettings s = StreamsSettings.load(f, List.of("application.id=fleet-b", "drvguard.topic.dlq=etw.dlq",
        "processing.guarantee=at_least_once"));
    assertEquals("kafka-1:9092", s.kafka().getProperty("bootstrap.servers"));
    assertEquals("fleet-b", s.kafka().getProperty("application.id"));
    assertEquals("at_least_once", s.kafka().getProperty("processing.guarantee"));
    assertEquals(Path.of("/srv/packages"), s.packages());
    assertEquals(new Topics("etw.events", "drvguard.decisions", "drvguard.violations", "etw.dlq"), s.topics());
    assertNull(s.kafka().getProperty("drvguard.packages.dir"));
  }

  @Test
  void aMisspeltDrvguardKeyOrABareSetIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> StreamsSettings.load(null, List.of("drvguard.package.dir=x")));
    assertThrows(IllegalArgumentException.class, () -> StreamsSettings.load(null, List.of("application.id")));
  }

  @Test
  void aMisspeltKeyInTheFileIsNamedWithItsFileAndLine() throws Exception {
    Path f = dir.resolve("fleet.properties");
    Files.writeString(f, "# fleet\nbootstrap.servers=kafka-1:9092\n  drvguard.package.dir = /srv/packages\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StreamsSettings.load(f, List.of()));
    assertTrue(e.getMessage().startsWith(f + ":3: unknown setting `drvguard.package.dir`"), e.getMessage());
    Files.writeString(f, "bootstrap.servers=kafka-1:9092\n");
    IllegalArgumentException set = assertThrows(IllegalArgumentException.class,
        () -> StreamsSettings.load(f, List.of("drvguard.topic.event=x")));
    assertTrue(set.getMessage().startsWith("`--set drvguard.topic.event`: unknown setting"), set.getMessage());
  }

  @Test
  void aFileThatIsNotPropertiesIsNamed() throws Exception {
    Path f = dir.resolve("fleet.properties");
    Files.writeString(f, "application.id=\\u00zz\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StreamsSettings.load(f, List.of()));
    assertTrue(e.getMessage().startsWith(f + ": not a properties file"), e.getMessage());
  }
}
