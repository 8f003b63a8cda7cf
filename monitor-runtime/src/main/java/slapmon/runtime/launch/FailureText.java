package slapmon.runtime.launch;

import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * A failure as one line an operator can act on: the path or address and what was wrong with it,
 * never a Java class name when the JDK's exception says what happened. The JDK leaves the reason
 * of most file failures out of their message ({@code NoSuchFileException: /x} says only "/x").
 */
public final class FailureText {
  private FailureText() {}

  public static String of(Throwable failure) {
    Throwable cause = failure;
    // Libraries wrap what they could not do in a RuntimeException of their own.
    while (cause.getCause() != null && cause instanceof RuntimeException
        && cause.getMessage() != null && cause.getMessage().equals(cause.getCause().toString())) {
      cause = cause.getCause();
    }
    if (cause instanceof FileSystemException file) {
      return fileFailure(file);
    }
    if (cause instanceof BindException bind) {
      return "cannot listen: " + lowerFirst(bind.getMessage());
    }
    String message = cause.getMessage();
    return message == null || message.isBlank() ? cause.toString() : message;
  }

  private static String fileFailure(FileSystemException failure) {
    String path = failure.getFile() == null ? "" : failure.getFile();
    if (failure.getOtherFile() != null) {
      path += " -> " + failure.getOtherFile();
    }
    String reason;
    if (failure instanceof NoSuchFileException) {
      reason = "no such file or folder";
    } else if (failure instanceof AccessDeniedException) {
      reason = "permission denied";
    } else if (failure instanceof FileAlreadyExistsException) {
      reason = "already exists";
    } else if (failure instanceof NotDirectoryException) {
      reason = "not a folder";
    } else if (failure instanceof DirectoryNotEmptyException) {
      reason = "folder not empty";
    } else {
      reason = failure.getReason() == null ? "cannot be written or read" : failure.getReason();
    }
    return path + ": " + lowerFirst(reason);
  }

  private static String lowerFirst(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    return Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }
}
