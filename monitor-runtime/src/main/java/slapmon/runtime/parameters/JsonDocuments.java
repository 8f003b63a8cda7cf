package slapmon.runtime.parameters;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import slapmon.runtime.json.Json;

/** The two JSON documents of the config storage (SPEC §A.5.7), in their legacy shapes. */
final class JsonDocuments {
  private JsonDocuments() {}

  /** {@code config.json}: the entries in order, each with exactly key, title and value. */
  static byte[] config(List<Entry> entries) {
    ArrayNode array = Json.mapper().createArrayNode();
    for (Entry entry : entries) {
      ObjectNode object = array.addObject();
      object.put("key", entry.key());
      object.put("title", entry.title());
      object.put("value", entry.value());
    }
    return Json.bytes(array);
  }

  /** {@code config.parameters.json}: each editable entry's key mapped to its description. */
  static byte[] parameters(List<Entry> entries) {
    ObjectNode object = Json.mapper().createObjectNode();
    for (Entry entry : entries) {
      if (entry.editable()) {
        ObjectNode description = object.putObject(entry.key());
        entry.description().forEach(description::put);
      }
    }
    return Json.bytes(object);
  }
}
