package slapmon.runtime.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * The factory of {@link Json}'s mapper: every string and field name it writes goes through {@link
 * WellFormedText}, so that no JSON file or answer of the monitor holds a lone surrogate, whatever
 * text it was given.
 */
final class WellFormedJsonFactory extends JsonFactory {
  private static final long serialVersionUID = 1L;

  @Override
  protected JsonGenerator _createUTF8Generator(OutputStream out, IOContext context)
      throws IOException {
    return new WellFormedGenerator(super._createUTF8Generator(out, context));
  }

  @Override
  protected JsonGenerator _createGenerator(Writer out, IOContext context) throws IOException {
    return new WellFormedGenerator(super._createGenerator(out, context));
  }

  private static final class WellFormedGenerator extends JsonGeneratorDelegate {
    WellFormedGenerator(JsonGenerator delegate) {
      super(delegate, true);
    }

    @Override
    public void writeString(String text) throws IOException {
      super.writeString(text == null ? null : WellFormedText.of(text));
    }

    @Override
    public void writeString(char[] text, int offset, int length) throws IOException {
      super.writeString(WellFormedText.of(new String(text, offset, length)));
    }

    @Override
    public void writeFieldName(String name) throws IOException {
      super.writeFieldName(WellFormedText.of(name));
    }
  }
}
