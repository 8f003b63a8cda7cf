package slapmon.runtime.collect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.sqlite.SQLiteConfig;

/**
 * The node-wide SlapOS collector database, opened read-only: it never creates, alters or writes
 * anything in it (D.34). Every failure is an IOException naming the file.
 */
final class CollectorDatabase implements AutoCloseable {
  private static final double MIB = 1024 * 1024;
  private static final String WINDOW = "partition = ? AND date = ? AND time BETWEEN ? AND ?";

  private final Path file;
  private final Connection connection;

  private CollectorDatabase(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  /** Opens {@code file} read-only, waiting up to 15 s for the collector's lock, as collect did. */
  static CollectorDatabase open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": collector database not found");
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(15_000);
    try {
      Connection connection =
          DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
      CollectorDatabase db = new CollectorDatabase(file, connection);
      if (!db.hasTable("user")) {
        db.close();
        throw new IOException(file + ": not a collector database: it has no 'user' table");
      }
      return db;
    } catch (SQLException e) {
      throw failure("could not open collector database", file, e);
    }
  }

  /** The partition's totals over {@code window}, computed as §A.9.2 step 4 does. */
  PartitionUsage usage(String partition, Window window) throws IOException {
    String sql =
        "SELECT count(pid), SUM(cpu_percent), SUM(cpu_time), SUM(cpu_num_threads),"
            + " SUM(memory_percent), SUM(memory_rss), SUM(io_rw_counter), SUM(io_cycles_counter)"
            + " FROM user WHERE " + WINDOW;
    try (PreparedStatement query = windowQuery(sql, partition, window);
        ResultSet row = query.executeQuery()) {
      row.next();
      OptionalDouble disk = diskUsed(partition, window);
      return new PartitionUsage(
          window.label(),
          row.getLong(1),
          row.getDouble(2),
          row.getDouble(3) / 60,
          row.getDouble(4),
          row.getDouble(5),
          row.getDouble(6) / MIB,
          row.getDouble(7),
          row.getDouble(8),
          disk.isPresent() ? OptionalDouble.of(disk.getAsDouble() / 1024) : OptionalDouble.empty());
    } catch (SQLException e) {
      throw failure("could not read partition usage", file, e);
    }
  }

  /** Each of the partition's pids over {@code window}, busiest (summed CPU percent) first. */
  List<ProcessUsage> processes(String partition, Window window) throws IOException {
    String sql =
        "SELECT count(pid), SUM(cpu_percent) AS cpu_result, SUM(cpu_time), MAX(cpu_num_threads),"
            + " SUM(memory_percent), SUM(memory_rss), pid, SUM(io_rw_counter),"
            + " SUM(io_cycles_counter) FROM user WHERE " + WINDOW
            + " GROUP BY pid ORDER BY cpu_result DESC, pid";
    List<ProcessUsage> found = new ArrayList<>();
    try (PreparedStatement query = windowQuery(sql, partition, window);
        ResultSet row = query.executeQuery()) {
      while (row.next()) {
        long count = row.getLong(1);
        if (count > 0) {
          found.add(processRow(row, count));
        }
      }
      return found;
    } catch (SQLException e) {
      throw failure("could not read process usage", file, e);
    }
  }

  /** The row of one pid: averages per sample except CPU time and RSS (sums) and threads (max). */
  private static ProcessUsage processRow(ResultSet row, long count) throws SQLException {
    return new ProcessUsage(
        (long) row.getDouble(7),
        row.getDouble(2) / count,
        row.getDouble(3) / 60,
        row.getDouble(4),
        row.getDouble(5) / count,
        row.getDouble(6) / MIB,
        row.getDouble(8) / count,
        row.getDouble(9) / count,
        Optional.empty());
  }

  /** {@code SUM(cpu_percent) / COUNT(DISTINCT time)} over a day; empty without rows. */
  OptionalDouble cpuLoadAverage(String partition, LocalDate day) throws IOException {
    return dayAverage("user", "cpu_percent", partition, day, 1);
  }

  /** {@code SUM(memory_rss) / COUNT(DISTINCT time)} over a day, in MiB; empty without rows. */
  OptionalDouble usedMemoryAverage(String partition, LocalDate day) throws IOException {
    return dayAverage("user", "memory_rss", partition, day, MIB);
  }

  /** {@code SUM(disk_used) / COUNT(DISTINCT time)} over a day, in MiB; empty without rows. */
  OptionalDouble diskUsedAverage(String partition, LocalDate day) throws IOException {
    return hasTable("folder")
        ? dayAverage("folder", "disk_used", partition, day, 1024)
        : OptionalDouble.empty();
  }

  private OptionalDouble dayAverage(
      String table, String column, String partition, LocalDate day, double unit)
      throws IOException {
    String sql =
        "SELECT SUM(" + column + "), COUNT(DISTINCT time) FROM " + table
            + " WHERE partition = ? AND date = ?";
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, partition);
      query.setString(2, day.toString());
      try (ResultSet row = query.executeQuery()) {
        row.next();
        double sum = row.getDouble(1);
        return row.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(sum / row.getLong(2) / unit);
      }
    } catch (SQLException e) {
      throw failure("could not read the " + column + " average", file, e);
    }
  }

  /** {@code SUM(folder.disk_used)} in KiB over the window; empty without a folder table or rows. */
  private OptionalDouble diskUsed(String partition, Window window) throws IOException, SQLException {
    if (!hasTable("folder")) {
      return OptionalDouble.empty();
    }
    try (PreparedStatement query =
            windowQuery("SELECT SUM(disk_used) FROM folder WHERE " + WINDOW, partition, window);
        ResultSet row = query.executeQuery()) {
      row.next();
      double sum = row.getDouble(1);
      return row.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(sum);
    }
  }

  private PreparedStatement windowQuery(String sql, String partition, Window window)
      throws SQLException {
    PreparedStatement query = connection.prepareStatement(sql);
    query.setString(1, partition);
    query.setString(2, window.day());
    query.setString(3, window.fromText());
    query.setString(4, window.toText());
    return query;
  }

  private boolean hasTable(String name) throws IOException {
    String sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?";
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, name);
      try (ResultSet row = query.executeQuery()) {
        return row.next();
      }
    } catch (SQLException e) {
      throw failure("could not read the table list", file, e);
    }
  }

  private static IOException failure(String what, Path file, SQLException e) {
    return new IOException(file + ": " + what + ": " + e.getMessage(), e);
  }

  @Override
  public void close() throws IOException {
    try {
      connection.close();
    } catch (SQLException e) {
      throw failure("could not close collector database", file, e);
    }
  }
}
