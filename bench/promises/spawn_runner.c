/*
 * The floor that slapmon's promise runs are measured against: runs every executable of a folder
 * once, PARALLEL at a time, each through posix_spawn with stdin on /dev/null and stdout/stderr on
 * pipes drained with poll(2) (up to CAP bytes of each kept), and writes one small JSON result file
 * per promise (OUT/NAME.status.json: status, return code, start date, execution time, message).
 * No timeout, no leftover search, no history: the bare work of running and recording.
 *
 * usage: spawn_runner PROMISE_DIR OUT_DIR [PARALLEL]     (PARALLEL defaults to 2)
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CAP 4096
#define MAX_PARALLEL 16

extern char **environ;

struct run {
  pid_t pid;
  char name[256];
  int fd[2]; /* stdout, stderr; -1 once ended */
  char out[2][CAP];
  size_t len[2];
  struct timespec start;
};

static double seconds(struct timespec a, struct timespec b) {
  return (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
}

static void json_string(FILE *f, const char *s, size_t n) {
  fputc('"', f);
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\\') {
      fprintf(f, "\\%c", c);
    } else if (c < 0x20) {
      fprintf(f, "\\u%04x", c);
    } else {
      fputc(c, f);
    }
  }
  fputc('"', f);
}

static int start(struct run *r, const char *dir, const char *name) {
  char path[4096];
  int out[2], err[2];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  if (pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC)) {
    perror("pipe");
    return -1;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err[1], 2);
  char *argv[] = {path, NULL};
  clock_gettime(CLOCK_REALTIME, &r->start);
  int rc = posix_spawn(&r->pid, path, &actions, NULL, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  close(err[1]);
  snprintf(r->name, sizeof r->name, "%s", name);
  r->fd[0] = out[0];
  r->fd[1] = err[0];
  r->len[0] = r->len[1] = 0;
  if (rc != 0) {
    r->pid = -1;
    r->len[1] = (size_t)snprintf(r->out[1], CAP, "cannot start: %s", strerror(rc));
  }
  return 0;
}

static void finish(struct run *r, const char *outdir) {
  int status = 0, code = -1;
  if (r->pid > 0 && waitpid(r->pid, &status, 0) > 0 && WIFEXITED(status)) {
    code = WEXITSTATUS(status);
  }
  struct timespec end;
  clock_gettime(CLOCK_REALTIME, &end);
  char path[4096], tmp[4096];
  snprintf(path, sizeof path, "%s/%s.status.json", outdir, r->name);
  snprintf(tmp, sizeof tmp, "%s/.%s.status.json.tmp", outdir, r->name);
  FILE *f = fopen(tmp, "w");
  if (!f) {
    perror(tmp);
    return;
  }
  char date[32];
  struct tm tm;
  gmtime_r(&r->start.tv_sec, &tm);
  strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S+0000", &tm);
  int which = r->len[1] > 0 && code != 0 ? 1 : 0;
  fprintf(f, "{\"title\": ");
  json_string(f, r->name, strlen(r->name));
  fprintf(f, ", \"status\": \"%s\", \"returncode\": %d, \"date\": \"%s\", "
             "\"execution-time\": %.3f, \"message\": ",
          code == 0 ? "OK" : "ERROR", code, date, seconds(r->start, end));
  json_string(f, r->out[which], r->len[which]);
  fprintf(f, "}\n");
  fclose(f);
  rename(tmp, path);
}

/* Reads what is ready; returns how many of the run's streams are still open. */
static int drain(struct run *r, struct pollfd *p) {
  int open = 0;
  for (int s = 0; s < 2; s++) {
    if (r->fd[s] < 0) {
      continue;
    }
    if (p[s].revents) {
      char buf[8192];
      ssize_t n = read(r->fd[s], buf, sizeof buf);
      if (n > 0) {
        size_t keep = CAP - r->len[s] < (size_t)n ? CAP - r->len[s] : (size_t)n;
        memcpy(r->out[s] + r->len[s], buf, keep);
        r->len[s] += keep;
      } else if (n == 0 || errno != EINTR) {
        close(r->fd[s]);
        r->fd[s] = -1;
        continue;
      }
    }
    open++;
  }
  return open;
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s PROMISE_DIR OUT_DIR [PARALLEL]\n", argv[0]);
    return 2;
  }
  const char *dir = argv[1], *outdir = argv[2];
  int parallel = argc > 3 ? atoi(argv[3]) : 2;
  if (parallel < 1 || parallel > MAX_PARALLEL) {
    fprintf(stderr, "PARALLEL must be 1..%d\n", MAX_PARALLEL);
    return 2;
  }
  DIR *d = opendir(dir);
  if (!d) {
    perror(dir);
    return 1;
  }
  size_t count = 0, size = 1024;
  char **names = malloc(size * sizeof *names);
  for (struct dirent *e; (e = readdir(d));) {
    if (e->d_name[0] == '.') {
      continue;
    }
    if (count == size) {
      names = realloc(names, (size *= 2) * sizeof *names);
    }
    names[count++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, count, sizeof *names, by_name);

  static struct run runs[MAX_PARALLEL];
  int active = 0;
  size_t next = 0;
  for (int i = 0; i < MAX_PARALLEL; i++) {
    runs[i].fd[0] = runs[i].fd[1] = -1;
    runs[i].pid = 0;
  }
  while (next < count || active > 0) {
    for (int i = 0; i < parallel && next < count; i++) {
      if (runs[i].pid == 0) {
        if (start(&runs[i], dir, names[next++]) == 0) {
          if (runs[i].pid < 0) {
            finish(&runs[i], outdir);
            close(runs[i].fd[0]);
            close(runs[i].fd[1]);
            runs[i].pid = 0;
            continue;
          }
          active++;
        }
      }
    }
    struct pollfd fds[2 * MAX_PARALLEL];
    for (int i = 0; i < parallel; i++) {
      for (int s = 0; s < 2; s++) {
        fds[2 * i + s].fd = runs[i].pid > 0 ? runs[i].fd[s] : -1;
        fds[2 * i + s].events = POLLIN;
        fds[2 * i + s].revents = 0;
      }
    }
    if (poll(fds, 2 * parallel, -1) < 0 && errno != EINTR) {
      perror("poll");
      return 1;
    }
    for (int i = 0; i < parallel; i++) {
      if (runs[i].pid > 0 && drain(&runs[i], &fds[2 * i]) == 0) {
        finish(&runs[i], outdir);
        runs[i].pid = 0;
        active--;
      }
    }
  }
  return 0;
}
