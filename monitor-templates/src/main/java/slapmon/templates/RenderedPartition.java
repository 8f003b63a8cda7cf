package slapmon.templates;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The files of a partition's monitor, as a render gives them: folders and files sorted by path,
 * what the runtime must make itself (certificate, htpasswd), the values to publish, and warnings
 * about settings that could not be rendered in full, and the files of earlier renders that
 * something else now replaces.
 */
public record RenderedPartition(
    List<RenderedFolder> folders,
    List<RenderedFile> files,
    CertificateRequest certificate,
    HtpasswdRequest htpasswd,
    ConnectionValues published,
    List<String> warnings,
    List<RetiredFile> retired) {
  public RenderedPartition {
    folders =
        folders.stream().sorted(Comparator.comparing(RenderedFolder::path)).toList();
    files = files.stream().sorted(Comparator.comparing(RenderedFile::path)).toList();
    if (files.stream().map(RenderedFile::path).distinct().count() != files.size()) {
      throw new IllegalArgumentException("two rendered files share a path: " + paths(files));
    }
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(htpasswd, "htpasswd");
    Objects.requireNonNull(published, "published");
    warnings = List.copyOf(warnings);
    retired = List.copyOf(retired);
  }

  private static List<Path> paths(List<RenderedFile> files) {
    return files.stream().map(RenderedFile::path).toList();
  }
}
