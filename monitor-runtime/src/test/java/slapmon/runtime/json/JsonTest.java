package slapmon.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the runtime's JSON writer does with text that is not valid Unicode. */
final class JsonTest {
  private static final String LONE_HIGH = "\uD800";
  private static final String LONE_LOW = "\uDC00";
  private static final String PAIR = "\uD83D\uDE00";

  @Test
  void lone_surrogates_are_written_as_the_replacement_character_and_pairs_kept() throws Exception {
    ObjectNode doc = Json.mapper().createObjectNode();
    doc.put("title", "sub " + LONE_HIGH + " monitor " + PAIR + " end" + LONE_HIGH);
    doc.putArray("monitors").addObject().put("problem", LONE_LOW + "x" + LONE_HIGH + LONE_HIGH);
    doc.put("key" + LONE_LOW, "v");

    byte[] written = Json.bytes(doc);

    JsonNode read = strictlyParsed(written);
    assertThat(read.get("title").asText()).isEqualTo("sub \uFFFD monitor " + PAIR + " end\uFFFD");
    assertThat(read.at("/monitors/0/problem").asText()).isEqualTo("\uFFFDx\uFFFD\uFFFD");
    assertThat(read.get("key\uFFFD").asText()).isEqualTo("v");
    // The same through every way of writing: plain objects, a writer.
    strictlyParsed(Json.bytes(Map.of("t", List.of(LONE_HIGH)))).get("t");
    strictlyParsed(
        Json.mapper().writeValueAsString(Map.of("t", LONE_LOW)).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void well_formed_text_is_returned_as_it_is() {
    String text = "caf\u00e9 " + PAIR;
    assertThat(WellFormedText.of(text)).isSameAs(text);
    assertThat(WellFormedText.of(LONE_LOW + PAIR + LONE_HIGH)).isEqualTo("\uFFFD" + PAIR + "\uFFFD");
  }

  /**
   * Parses as a strict parser does: the bytes are UTF-8 and every string, escapes resolved, is
   * valid Unicode (Jackson alone, like Python's json, accepts a {@code \uD800} escape).
   */
  private static JsonNode strictlyParsed(byte[] json) throws Exception {
    String text =
        StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(java.nio.ByteBuffer.wrap(json))
            .toString();
    JsonNode node = Json.mapper().readTree(text);
    List<String> strings = new ArrayList<>();
    collect(node, strings);
    for (String string : strings) {
      try {
        StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .encode(CharBuffer.wrap(string));
      } catch (CharacterCodingException e) {
        throw new AssertionError("not valid Unicode: " + string.codePoints().boxed().toList(), e);
      }
    }
    return node;
  }

  private static void collect(JsonNode node, List<String> strings) {
    if (node.isTextual()) {
      strings.add(node.asText());
    }
    node.fieldNames().forEachRemaining(strings::add);
    node.forEach(child -> collect(child, strings));
  }
}
