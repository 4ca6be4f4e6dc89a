package io.drvguard.adapters.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drvguard.adapters.scenario.Context;
import io.drvguard.adapters.sim.DeviceModel.HandleState;
import io.drvguard.adapters.sim.DeviceModel.KernelObjectState;
import io.drvguard.facts.model.KernelObjectType;
import io.drvguard.facts.security.Sddl;
import io.drvguard.facts.security.SecurityDescriptor;
import io.drvguard.facts.security.Sid;
import io.drvguard.facts.security.Token;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A {@link DeviceModel.State} as JSON text and back, for stores that keep a model's state between
 * steps (module {@code streams}). Tokens are written as their user, group and privilege names;
 * descriptors as canonical SDDL ({@link Sddl#format}), which {@link Sddl#parse} reads back to the
 * same descriptor (requirement M-3), so no second encoding of ACLs is needed. A NULL descriptor
 * (unknown, decisions fail closed) is JSON {@code null}.
 */
public final class DeviceStateJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DeviceStateJson() {}

  /** {@code state} as one line of JSON. */
  public static String write(DeviceModel.State state) {
    ObjectNode o = MAPPER.createObjectNode();
    writeMap(o.putObject("handles"), state.handles(), DeviceStateJson::handle);
    // the model keeps these in hash order; sorted, equal states are equal text
    writeMap(o.putObject("closed"), new TreeMap<>(state.closed()), DeviceStateJson::handle);
    ObjectNode oc = o.putObject("openCounts");
    new TreeMap<>(state.openCounts()).forEach(oc::put);
    ObjectNode bc = o.putObject("objectCounts");
    new TreeMap<>(state.objectCounts()).forEach(bc::put);
    writeMap(o.putObject("objects"), state.objects(), DeviceStateJson::object);
    try {
      return MAPPER.writeValueAsString(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The state {@code json} holds, as {@link #write} wrote it.
   *
   * @throws IllegalArgumentException when {@code json} is not such a state
   */
  public static DeviceModel.State read(String json) {
    JsonNode o;
    try {
      o = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a device model state: " + e.getMessage(), e);
    }
    if (o == null || !o.isObject()) {
      throw new IllegalArgumentException("not a device model state: not a JSON object");
    }
    try {
      return new DeviceModel.State(readMap(o.path("handles"), DeviceStateJson::handle),
          readMap(o.path("closed"), DeviceStateJson::handle), readMap(o.path("openCounts"), JsonNode::asInt),
          readMap(o.path("objectCounts"), JsonNode::asInt), readMap(o.path("objects"), DeviceStateJson::object));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a device model state: " + e.getMessage(), e);
    }
  }

  private static <T> void writeMap(ObjectNode into, Map<String, T> map, Function<T, JsonNode> value) {
    map.forEach((k, v) -> into.set(k, value.apply(v)));
  }

  private static <T> Map<String, T> readMap(JsonNode node, Function<JsonNode, T> value) {
    Map<String, T> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), value.apply(e.getValue()));
    }
    return out;
  }

  private static JsonNode handle(HandleState h) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("name", h.name());
    o.put("deviceObjectId", h.deviceObjectId());
    o.put("stack", h.stack());
    o.put("path", h.path());
    o.put("grantedAccess", h.grantedAccess());
    o.put("principal", h.principal());
    o.set("token", token(h.token()));
    o.put("fileSddl", sddl(h.fileDescriptor()));
    return o;
  }

  private static HandleState handle(JsonNode o) {
    return new HandleState(text(o, "name"), text(o, "deviceObjectId"), text(o, "stack"), text(o, "path"),
        o.path("grantedAccess").asInt(), text(o, "principal"), token(o.path("token")), descriptor(o, "fileSddl"));
  }

  private static JsonNode object(KernelObjectState k) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("name", k.name());
    o.put("type", k.type().name());
    o.put("creatorContext", k.creatorContext().id());
    o.put("creator", k.creator());
    o.put("nullDescriptor", k.nullDescriptor());
    o.put("sddl", sddl(k.descriptor()));
    return o;
  }

  private static KernelObjectState object(JsonNode o) {
    String context = text(o, "creatorContext");
    return new KernelObjectState(text(o, "name"), KernelObjectType.valueOf(text(o, "type")),
        Context.of(context).orElseThrow(() -> new IllegalArgumentException("unknown context `" + context + "`")),
        text(o, "creator"), o.path("nullDescriptor").asBoolean(), descriptor(o, "sddl"));
  }

  /** A token: its user, groups and privileges (default privileges included, as the token holds them). */
  public static ObjectNode token(Token t) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("user", t.user().toString());
    ArrayNode g = o.putArray("groups");
    // sorted: a token's sets have no order of their own, and equal states must give equal text
    t.groups().stream().map(Sid::toString).sorted().forEach(g::add);
    ArrayNode p = o.putArray("privileges");
    t.privileges().stream().sorted().forEach(p::add);
    return o;
  }

  private static Token token(JsonNode o) {
    Set<Sid> groups = new LinkedHashSet<>();
    o.path("groups").forEach(g -> groups.add(Sid.parse(g.asText())));
    Set<String> privileges = new LinkedHashSet<>();
    o.path("privileges").forEach(p -> privileges.add(p.asText()));
    return new Token(Sid.parse(text(o, "user")), groups, privileges);
  }

  private static String sddl(SecurityDescriptor sd) {
    return sd == null ? null : Sddl.format(sd);
  }

  private static SecurityDescriptor descriptor(JsonNode o, String key) {
    JsonNode n = o.get(key);
    return n == null || n.isNull() ? null : Sddl.parse(n.asText());
  }

  private static String text(JsonNode o, String key) {
    JsonNode n = o.get(key);
    return n == null || n.isNull() ? null : n.asText();
  }
}
