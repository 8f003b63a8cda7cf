package slapmon.runtime.collect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The §C.4 collector database: {@code monitor_collect.sql} loaded into a fresh SQLite file. */
final class CollectorFixture {
  static final String PARTITION = "slapuser15";

  private CollectorFixture() {}

  static Path load(Path dir) throws IOException, SQLException {
    Path db = dir.resolve("collector.db");
    String sql;
    try (InputStream in = CollectorFixture.class.getResourceAsStream("/collect/monitor_collect.sql")) {
      if (in == null) {
        throw new IOException("test resource collect/monitor_collect.sql is missing");
      }
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      for (String line : sql.split(";\n")) {
        String trimmed = line.strip();
        if (!trimmed.isEmpty() && !trimmed.startsWith("BEGIN") && !trimmed.startsWith("COMMIT")) {
          statement.execute(trimmed);
        }
      }
      connection.commit();
    }
    return db;
  }
}
