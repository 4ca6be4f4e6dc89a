package io.drvguard.adapters.tree;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.drvguard.adapters.InputException;
import java.io.IOException;

/**
 * What JSON documents must be before Commons Configuration reads them, checked in one streaming
 * pass with the position of the first problem: well-formed, a mapping at the root, and no key twice
 * in one object. Commons Configuration's JSON reader keeps the last of two equal keys, so a
 * manifest saying `"driver"` twice was read as the second one, silently; YAML documents refuse
 * duplicates when they are composed.
 */
final class JsonStrict {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private JsonStrict() {}

  static void check(String kind, String file, String text) throws InputException {
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return;
      }
      if (first != JsonToken.START_OBJECT) {
        JsonLocation at = p.currentTokenLocation();
        throw new InputException(file, at.getLineNr(), at.getColumnNr(), kind + "_not_a_mapping",
            "the document must be a mapping of keys to values, but it is "
                + (first == JsonToken.START_ARRAY ? "a list" : "a single value"));
      }
      while (p.nextToken() != null) {
        // reading every token is the check: the parser stops at the first duplicate or syntax error
      }
    } catch (JsonParseException e) {
      JsonLocation at = e.getLocation();
      String m = e.getOriginalMessage();
      boolean duplicate = m != null && m.startsWith("Duplicate field");
      String detail = duplicate
          ? "duplicate key " + m.substring("Duplicate field ".length()).replace('\'', '`')
          : m == null ? "not valid JSON" : m.replaceAll("\\s*\\R\\s*", " ");
      throw new InputException(file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
          duplicate ? kind + "_duplicate_key" : "json_syntax_error", detail);
    } catch (IOException e) {
      throw new InputException(file, kind + "_unreadable", e.getMessage());
    }
  }
}
