# slapmon's plugin worker: runs SlapOS plugin promises (etc/plugin/*.py) for the Java monitor.
#
# One long-lived process in the partition's Python. It reads one JSON request per line on stdin
# and answers one JSON line per request on stdout, in the order runs end (each answer carries its
# request's id); a run that starts is announced first by a line whose outcome is "started". Plugins
# run in forks of this warm process ("run processes"), so a run pays neither an interpreter start
# nor the import of the plugins' common libraries; a run process runs up to RUNS_PER_PROCESS
# plugins one after another, so that the fork is not paid per run either. Several runs may be in
# flight, each in a process of its own: the Java side bounds them.
#
# What a run does follows slapgrid's launcher (slapos.core, slapos/grid/promise): the plugin's
# periodicity cache in .slapgrid/promise/cache/TITLE, sense() then anomaly() or test() (the
# plugin's own GenericPromise), the timeout and its message, the result written atomically to
# .slapgrid/promise/result/TITLE.status.json in the launcher's JSON layout. This file is slapmon's
# own code; slapos.core is only imported, from the plugin's path, as the plugin itself imports it.
import ast
import ctypes
import errno
import gc
import importlib
import importlib.machinery
import importlib.util
import inspect
import json
import logging
import os
import re
import select
import signal
import socket
import sys
import threading
import time
import traceback
import warnings
from datetime import datetime

RESULT_FOLDER = os.path.join('.slapgrid', 'promise', 'result')
CACHE_FOLDER = os.path.join('.slapgrid', 'promise', 'cache')
DATE_FORMAT = '%Y-%m-%dT%H:%M:%S+0000'
# A killed run's group gets this long between SIGTERM and SIGKILL, as slapgrid gives it.
TERMINATE_GRACE = 1.0
MESSAGE_LIMIT = 5000
VALID_NAME = re.compile(r'[a-zA-Z_]')
# Runs a run process makes before it is replaced by a fresh fork (SLAPMON_PLUGIN_RUNS_PER_PROCESS
# overrides it; 1 is a fork per run): whatever a plugin leaves behind that ProcessState does not
# put back lives that long at most.
RUNS_PER_PROCESS = 32
# A run process that grew this much since its first run is replaced as well.
RSS_GROWTH_LIMIT = 64 * 1024 * 1024
# An idle run process ends after this long without a run (between two passes, usually).
IDLE_LIMIT = 5.0


def log(text):
  sys.stderr.write('slapmon-plugin-worker: %s\n' % text)
  sys.stderr.flush()


class ResultBox(object):
  """What GenericPromise sends its result to (the launcher hands it a queue)."""

  def __init__(self):
    self.item = None

  def put_nowait(self, item):
    self.item = item

  def put(self, item, *args, **kwargs):
    self.item = item


def title_of(name):
  return os.path.splitext(name)[0]


def read_json(path):
  try:
    with open(path) as f:
      return json.load(f)
  except (IOError, OSError, ValueError):
    return None


def load_cache(partition, title):
  cache = read_json(os.path.join(partition, CACHE_FOLDER, title))
  if not isinstance(cache, dict) or not os.path.exists(str(cache.get('module_file'))):
    return None
  return cache


def load_result(partition, title):
  data = read_json(os.path.join(partition, RESULT_FOLDER, '%s.status.json' % title))
  try:
    result = data['result']
    if result['type'] not in ('Test Result', 'Anomaly Result'):
      return None
    return {'failed': bool(result['failed']), 'message': result['message']}
  except (TypeError, KeyError):
    return None


def write_result(partition, request, item_type, failed, date, message, execution_time):
  folder = os.path.join(partition, RESULT_FOLDER)
  try:
    os.makedirs(folder)
  except OSError as e:
    if e.errno != errno.EEXIST:
      raise
  if message is not None and len(message) > MESSAGE_LIMIT:
    message = '...%s' % message[-MESSAGE_LIMIT:]
  name = request['name']
  document = {
    'title': title_of(name),
    'name': name,
    'path': os.path.join(request['folder'], name),
    'execution-time': execution_time,
    'result': {'type': item_type, 'failed': failed, 'date': date, 'message': message},
  }
  target = os.path.join(folder, '%s.status.json' % title_of(name))
  with open(target + '.tmp', 'w') as f:
    json.dump(document, f)
  os.rename(target + '.tmp', target)


def plugin_paths(path):
  """The paths a plugin file puts first on sys.path (the recipe writes them as a literal)."""
  try:
    with open(path) as f:
      tree = ast.parse(f.read(), path)
  except (IOError, OSError, SyntaxError, ValueError):
    return []
  for node in tree.body:
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
      target = node.targets[0]
      if (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Attribute)
          and target.value.attr == 'path'):
        try:
          return [p for p in ast.literal_eval(node.value) if isinstance(p, str)]
        except ValueError:
          return []
  return []


def plugin_imports(path):
  """The slapos modules a plugin file imports its class from (the recipe's `from M import ...`)."""
  try:
    with open(path) as f:
      tree = ast.parse(f.read(), path)
  except (IOError, OSError, SyntaxError, ValueError):
    return []
  return [node.module for node in tree.body
          if isinstance(node, ast.ImportFrom) and node.module and node.level == 0
          and node.module.startswith('slapos.')]


warmed = set()
# The slapos and pkg_resources modules of this process, by name, as WarmModules hands them out.
warm_modules = {}
# Formats slapos.grid.promise parses dates of: a run finds strptime's pattern already compiled.
STRPTIME_FORMATS = (DATE_FORMAT, '%Y-%m-%d %H:%M:%S')


# Each plugin file warmed up, with the stat it had then: unchanged, it needs no second look.
warmed_files = {}


def warm_up(folder, name):
  """Imports, once, what plugins use, so that each forked run finds it already loaded; True when
  it imported anything (run processes forked before lack it)."""
  path = os.path.join(folder, name)
  try:
    st = os.stat(path)
    signature = (st.st_ino, st.st_size, st.st_mtime_ns)
  except OSError:
    signature = None
  if signature is not None and warmed_files.get(path) == signature:
    return False
  warmed_files[path] = signature
  paths = tuple(plugin_paths(path))
  imported = False
  for module in ['slapos.grid.promise'] + plugin_imports(path):
    if (paths, module) in warmed:
      continue
    warmed.add((paths, module))
    imported = True
    for entry in reversed(paths):
      if entry not in sys.path:
        sys.path.insert(0, entry)
    try:
      importlib.import_module(module)
    except BaseException:
      log('warm-up import of %s failed for %s: %s' % (module, name,
                                                      traceback.format_exc().strip()))
  if imported:
    settle()
  return imported


def settle():
  """Readies this process to be forked: done here once rather than in every run."""
  warm_modules.clear()
  warm_modules.update((name, module) for name, module in sys.modules.items()
                      if module is not None and ('slapos' in name or 'pkg_resources' in name))
  for fmt in STRPTIME_FORMATS:
    datetime.strptime(datetime(2000, 1, 1).strftime(fmt), fmt)
  # Every plugin file walks the names of sys.modules first thing. Those names were made as the
  # modules loaded, scattered over the heap: a run that touches them copies hundreds of pages.
  # Equal copies made now sit side by side, in a few (lookups do not care which string it is).
  for name, module in list(sys.modules.items()):
    del sys.modules[name]
    sys.modules[(name + '.')[:-1]] = module
  # What is loaded now lives as long as this process: a run's garbage collections leave it alone,
  # so they do not copy its pages (gc.freeze is Python 3.7's).
  gc.collect()
  if hasattr(gc, 'freeze'):
    gc.freeze()


class WarmModules(object):
  """A meta path finder for a run process: a plugin file drops every slapos and pkg_resources
  module from sys.modules and imports them again, to get those of its own path. When the file
  such an import would load is the very file a module of the worker was loaded from, the run
  gets that module object (no plugin ran in the worker; the runs before it in the same run
  process may have changed its globals: that much isolation is traded for the fork), instead of
  executing the file again; anything else is imported as usual."""

  def __init__(self, modules):
    self.modules = modules
    self.looking = False

  def find_spec(self, name, path=None, target=None):
    module = self.modules.get(name)
    warm_spec = getattr(module, '__spec__', None)
    if warm_spec is None or not warm_spec.origin or self.looking:
      return None
    self.looking = True
    try:
      spec = importlib.machinery.PathFinder.find_spec(name, path)
    finally:
      self.looking = False
    if spec is None or spec.origin != warm_spec.origin:
      return None
    return importlib.util.spec_from_loader(
      name, ReuseLoader(module), origin=spec.origin,
      is_package=spec.submodule_search_locations is not None)


class ReuseLoader(object):
  def __init__(self, module):
    self.module = module

  def create_module(self, spec):
    return self.module

  def exec_module(self, module):
    pass


# --- a run process -------------------------------------------------------------------------------
# A fork of this warm process that runs plugins one after another: the fork, and the pages it
# copies, are paid once for many runs. Each run gets a fresh module of its plugin file; after it,
# the process puts back what a plugin may change in it (ProcessState) and is discarded instead
# when it cannot (a thread or a child process still running, a file left open, ...).

def run_plugin(request):
  partition = request['partition']
  folder = request['folder']
  name = request['name']
  title = title_of(name)
  os.chdir(partition)
  try:
    os.makedirs(os.path.join(partition, CACHE_FOLDER))
  except OSError as e:
    if e.errno != errno.EEXIST:
      raise
  if sys.path[0] != folder:
    sys.path.insert(0, folder)
  if VALID_NAME.match(name) is None:
    raise ValueError('Promise plugin name %r is not valid' % name)
  module = importlib.import_module(title)
  promise_class = getattr(module, 'RunPromise', None)
  if promise_class is None:
    raise AttributeError('Class RunPromise not found in promise %s' % name)
  # The plugin dropped and re-imported slapos: check against the modules it now uses.
  interface = importlib.import_module('slapos.grid.promise.interface')
  generic = importlib.import_module('slapos.grid.promise.generic')
  if not interface.IPromise.implementedBy(promise_class):
    raise RuntimeError("RunPromise class in %s must implement 'IPromise'"
                       " interface. @implementer(interface.IPromise) is missing ?" % name)
  if not issubclass(promise_class, generic.GenericPromise):
    raise RuntimeError('RunPromise class is not a subclass of GenericPromise class.')
  box = ResultBox()
  config = dict(request['config'])
  config.update({
    'path': os.path.join(folder, name),
    'name': name,
    'log-folder': request['log_folder'],
    'partition-folder': partition,
    'debug': False,
    'promise-timeout': request['timeout'],
    'queue': box,
  })
  try:
    config['slapgrid-version'] = importlib.import_module('slapos.version').version
  except Exception:
    config['slapgrid-version'] = None
  extra = getattr(module, 'extra_config_dict', None)
  if extra is not None:
    if not isinstance(extra, dict):
      raise ValueError('Extra parameter is not a dict')
    for key in extra:
      if key in config:
        raise ValueError('Extra parameter name %r cannot be used.\n%s' % (key, extra))
      config[key] = extra[key]
  promise = promise_class(config)
  deferred = defer_bang(promise)
  anomaly = request['anomaly']
  detects = getattr(promise, 'isAnomalyDetected', None)
  tested = getattr(promise, 'isTested', None)
  started = (detects is None or tested is None or (anomaly and detects())
             or (not anomaly and tested()))
  write_cache(partition, title, promise_class, promise, started)
  promise.run(anomaly, request['bang'])
  item = box.item
  if item is None or item.item.type() == 'Empty Result':
    return {'type': 'Empty Result'}
  result = {
    'type': item.item.type(),
    'failed': bool(item.item.hasFailed()),
    'date': item.item.date.strftime(DATE_FORMAT),
    'message': item.item.message,
  }
  if deferred:
    result['bang'] = deferred[0]
  return result


# What GenericPromise's bang reads from the promise's config.
BANG_KEYS = ('master-url', 'partition-key', 'partition-cert', 'computer-id', 'partition-id')


def defer_bang(promise):
  """Makes promise note the bang it would send instead of sending it, in the list returned.

  The launcher runs plugins one by one and lets a plugin bang only when no plugin before it in
  the pass failed its anomaly check; runs here overlap, so whether this run may bang is known
  only once the runs before it ended: the caller decides, and asks for the bang (see bang).
  What the promise's own __bang checks (its allowBang, the keys present) is checked here, when
  it would have banged."""
  deferred = []
  config = getattr(promise, '_GenericPromise__config', None)
  if not isinstance(config, dict) or not hasattr(promise, '_GenericPromise__bang'):
    return deferred  # not the GenericPromise this follows: it bangs as it does

  def note(message):
    if getattr(promise, '_GenericPromise__allow_bang', True) and all(
        key in config for key in ('master-url', 'computer-id', 'partition-id')):
      wanted = dict((key, text_or_none(config.get(key))) for key in BANG_KEYS)
      wanted['message'] = text_or_none(message)
      wanted['transaction'] = text_or_none(
        getattr(promise, '_GenericPromise__transaction_id', ''))
      deferred.append(wanted)

  # An instance attribute: the name-mangled self.__bang() of GenericPromise.run finds it first.
  promise._GenericPromise__bang = note
  return deferred


def text_or_none(value):
  return value if value is None or isinstance(value, str) else str(value)


def bang(request):
  """Sends the bang a run noted (defer_bang) to the master, as GenericPromise's own bang does,
  and logs it the same way in the plugin's log, under the run's transaction id."""
  wanted = request['noted']
  logger = logging.getLogger(request['name'])
  logger.setLevel(logging.INFO)
  handler = None
  if request.get('log_folder'):
    handler = logging.FileHandler(
      os.path.join(request['log_folder'], '%s.log' % title_of(request['name'])))
    handler.setFormatter(logging.Formatter(
      '%(asctime)s - %(levelname)s - ' + (wanted['transaction'] or '').replace('%', '%%')
      + ' - %(message)s', datefmt='%Y-%m-%d %H:%M:%S'))
    logger.addHandler(handler)
  try:
    slap = importlib.import_module('slapos.slap').slap()
    slap.initializeConnection(
      wanted['master-url'], wanted['partition-key'], wanted['partition-cert'])
    partition = slap.registerComputerPartition(wanted['computer-id'], wanted['partition-id'])
    partition.bang(wanted['message'])
    logger.info('Bang with message %r.' % wanted['message'])
  except Exception:
    logger.warning(traceback.format_exc())
  finally:
    if handler is not None:
      logger.removeHandler(handler)
      handler.close()
  return {'type': 'Bang'}


def write_cache(partition, title, promise_class, promise, started):
  module_file = '%s.py' % os.path.splitext(inspect.getfile(promise_class))[0]
  now = time.time()
  periodicity = promise.getPeriodicity()
  cache = {
    'is_tested': not hasattr(promise, 'isTested') or promise.isTested(),
    'is_anomaly_detected': not hasattr(promise, 'isAnomalyDetected')
                           or promise.isAnomalyDetected(),
    'periodicity': periodicity,
    'next_run_after': now + periodicity * 60.0 if started else now,
    'timestamp': now,
    'module_file': module_file,
    'module_file_mtime': os.stat(module_file).st_mtime,
  }
  with open(os.path.join(partition, CACHE_FOLDER, title), 'w') as f:
    f.write(json.dumps(cache))


CATCHABLE_SIGNALS = [s for s in signal.valid_signals() if s not in (signal.SIGKILL, signal.SIGSTOP)]
INTERVAL_TIMERS = (signal.ITIMER_REAL, signal.ITIMER_VIRTUAL, signal.ITIMER_PROF)


def open_fds():
  return set(os.listdir('/proc/self/fd'))


def child_processes():
  """This process's children once the ended ones are reaped; None when the kernel cannot tell."""
  while True:
    try:
      if os.waitpid(-1, os.WNOHANG)[0] == 0:
        break
    except ChildProcessError:
      break
  try:
    with open('/proc/self/task/%d/children' % os.getpid()) as f:
      return f.read().split()
  except (IOError, OSError):
    return None


PR_SET_CHILD_SUBREAPER = 36


def adopt_orphans():
  """Makes the processes a run leaves behind, even daemonised, children of this one, where
  child_processes sees them (Linux 3.4's prctl; without it, those escape until it retires)."""
  try:
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
  except (OSError, AttributeError):
    pass


def resident_bytes():
  with open('/proc/self/statm') as f:
    return int(f.read().split()[1]) * os.sysconf('SC_PAGE_SIZE')


class ProcessState(object):
  """What a plugin run may change in the process that runs it, taken before the first run."""

  def __init__(self):
    self.cwd = os.getcwd()
    self.environ = dict(os.environ)
    self.path = list(sys.path)
    self.meta_path = list(sys.meta_path)
    self.path_hooks = list(sys.path_hooks)
    self.finders = set(sys.path_importer_cache)
    self.modules = dict(sys.modules)
    self.umask = os.umask(0o022)
    os.umask(self.umask)
    self.signals = dict((s, signal.getsignal(s)) for s in CATCHABLE_SIGNALS)
    self.signal_mask = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    self.streams = (sys.stdin, sys.stdout, sys.stderr)
    self.hooks = (sys.excepthook, sys.displayhook, sys.getrecursionlimit())
    self.warning_filters = list(warnings.filters)
    self.socket_timeout = socket.getdefaulttimeout()
    manager = logging.Logger.manager
    self.logging_disable = manager.disable
    self.loggers = dict(manager.loggerDict)
    self.logger_states = dict(
      (name, (list(logger.handlers), logger.level, logger.propagate, logger.disabled,
              logger.parent))
      for name, logger in list(self.loggers.items()) + [('', logging.root)]
      if isinstance(logger, logging.Logger))
    self.threads = threading.active_count()
    self.process_group = os.getpgrp()
    self.priority = os.getpriority(os.PRIO_PROCESS, 0)
    self.fds = open_fds()

  def restore(self):
    """Puts the process back as it was; False when it cannot be trusted with another run."""
    try:
      return self.restore_or_raise()
    except Exception:
      log('cannot restore a run process: %s' % traceback.format_exc().strip())
      return False

  def restore_or_raise(self):
    signal.alarm(0)
    for timer in INTERVAL_TIMERS:
      signal.setitimer(timer, 0)
    for sig, handler in self.signals.items():
      if signal.getsignal(sig) is not handler:
        if handler is None:
          return False  # set outside Python: cannot be put back
        signal.signal(sig, handler)
    signal.pthread_sigmask(signal.SIG_SETMASK, self.signal_mask)
    os.chdir(self.cwd)
    os.umask(self.umask)
    if os.environ != self.environ:
      os.environ.clear()
      os.environ.update(self.environ)
      time.tzset()
    sys.path[:] = self.path
    sys.meta_path[:] = self.meta_path
    sys.path_hooks[:] = self.path_hooks
    # A finder a run made for a folder caches what the folder held: the next run looks afresh.
    for entry in [entry for entry in sys.path_importer_cache if entry not in self.finders]:
      del sys.path_importer_cache[entry]
    for name in [name for name in sys.modules if name not in self.modules]:
      del sys.modules[name]
    for name, module in self.modules.items():
      if sys.modules.get(name) is not module:
        sys.modules[name] = module
    sys.stdin, sys.stdout, sys.stderr = self.streams
    sys.excepthook, sys.displayhook = self.hooks[:2]
    sys.setrecursionlimit(self.hooks[2])
    sys.settrace(None)
    sys.setprofile(None)
    if warnings.filters != self.warning_filters:
      warnings.filters[:] = self.warning_filters
      warnings._filters_mutated()
    socket.setdefaulttimeout(self.socket_timeout)
    self.restore_logging()
    if (threading.active_count() != self.threads or os.getpgrp() != self.process_group
        or os.getpriority(os.PRIO_PROCESS, 0) != self.priority
        or any(stream.closed for stream in self.streams)):
      return False
    if child_processes() != []:
      return False  # left running, or the kernel cannot list them: the process goes with it
    if open_fds() != self.fds:
      gc.collect()  # a file the plugin's module still held, freed with it
      if open_fds() != self.fds:
        return False
    return True

  def restore_logging(self):
    manager = logging.Logger.manager
    manager.disable = self.logging_disable
    for name in [name for name in manager.loggerDict if name not in self.loggers]:
      for handler in getattr(manager.loggerDict.pop(name), 'handlers', ()):
        handler.close()
    for name, (handlers, level, propagate, disabled, parent) in self.logger_states.items():
      logger = logging.root if name == '' else self.loggers[name]
      if name and manager.loggerDict.get(name) is not logger:
        manager.loggerDict[name] = logger
      if logger.handlers != handlers:
        for handler in logger.handlers:
          if handler not in handlers:
            handler.close()
        logger.handlers[:] = handlers
      logger.level, logger.propagate, logger.disabled, logger.parent = (
        level, propagate, disabled, parent)
    manager._clear_cache()


def run_process(sock, warm_modules, runs_limit):
  """The body of a run process: requests one line each on sock, answered one line each."""
  code = 0
  name = None
  try:
    os.setpgid(0, 0)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.dup2(2, 1)  # a plugin that prints must not write into the answers
    adopt_orphans()
    sys.meta_path.insert(0, WarmModules(warm_modules))
    requests = sock.makefile('rb')
    state = ProcessState()
    rss_limit = None
    runs = 0
    while True:
      line = requests.readline()
      if not line:
        break
      request = json.loads(line.decode('utf-8'))
      name = request.get('name')
      answer = bang(request) if request.get('kind') == 'bang' else run_plugin(request)
      runs += 1
      reuse = runs < runs_limit and state.restore()
      if reuse:
        rss = resident_bytes()
        rss_limit = rss_limit or rss + RSS_GROWTH_LIMIT
        reuse = rss < rss_limit
      answer['reuse'] = reuse
      sock.sendall((json.dumps(answer) + '\n').encode('utf-8'))
      name = None
      if not reuse:
        break
  except BaseException:
    log('%s: %s' % (name or 'run process', traceback.format_exc().strip()))
    code = 1
  finally:
    try:
      sys.stdout.flush()
      sys.stderr.flush()
    finally:
      os._exit(code)


# --- the long-lived parent -----------------------------------------------------------------------

class RunProcess(object):
  def __init__(self, pid, sock, generation):
    self.pid = pid
    self.sock = sock
    self.fd = sock.fileno()
    self.generation = generation
    self.data = b''
    self.run = None
    self.idle_since = time.time()


class Run(object):
  def __init__(self, request, started):
    self.request = request
    self.started = started
    self.deadline = started + float(request['timeout'])


class RunProcesses(object):
  """The run processes of this worker, by the fd of their socket: at most one run each."""

  def __init__(self, runs_limit):
    self.runs_limit = runs_limit
    self.by_fd = {}
    # Bumped when a warm-up imports more: processes forked before lack it, they retire when idle.
    self.generation = 0

  def busy(self):
    return any(process.run is not None for process in self.by_fd.values())

  def newer_modules(self):
    self.generation += 1
    for process in list(self.by_fd.values()):
      if process.run is None:
        self.retire(process)

  def dispatch(self, request):
    """Sends request to an idle process of this generation, or to a new fork."""
    line = (json.dumps(request) + '\n').encode('utf-8')
    idle = [p for p in self.by_fd.values() if p.run is None and p.generation == self.generation]
    process = max(idle, key=lambda p: p.idle_since) if idle else None
    if process is not None:
      try:
        process.sock.sendall(line, socket.MSG_NOSIGNAL)
      except OSError:
        self.retire(process)  # it ended while idle
        process = None
    if process is None:
      process = self.fork()
      process.sock.sendall(line, socket.MSG_NOSIGNAL)
    process.run = Run(request, time.time())
    return process

  def fork(self):
    parent_end, child_end = socket.socketpair()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
      parent_end.close()
      for other in self.by_fd.values():
        other.sock.close()  # else a sibling would not see its end of input
      run_process(child_end, warm_modules, self.runs_limit)
    child_end.close()
    process = RunProcess(pid, parent_end, self.generation)
    self.by_fd[process.fd] = process
    return process

  def retire(self, process, grace=None):
    """Ends process (at once with grace None, else SIGTERM then SIGKILL after grace seconds)
    and whatever it left running in its group."""
    del self.by_fd[process.fd]
    process.sock.close()
    if grace is not None:
      kill_group(process.pid, signal.SIGTERM)
      limit = time.time() + grace
      while time.time() < limit and os.waitpid(process.pid, os.WNOHANG)[0] == 0:
        time.sleep(0.01)
      kill_group(process.pid, signal.SIGKILL)
    try:
      os.waitpid(process.pid, 0)
    except OSError:
      pass
    kill_group(process.pid, signal.SIGKILL)

  def read(self, process):
    try:
      chunk = process.sock.recv(65536)
    except OSError:
      chunk = b''
    if not chunk:
      # It ended: in a run, the run crashed or called exit; idle, something killed it.
      run = process.run
      self.retire(process)
      if run is not None:
        finish(run, False, None)
      return
    process.data += chunk
    while b'\n' in process.data and self.by_fd.get(process.fd) is process:
      line, process.data = process.data.split(b'\n', 1)
      self.answered(process, line)

  def answered(self, process, line):
    run = process.run
    process.run = None
    process.idle_since = time.time()
    try:
      item = json.loads(line.decode('utf-8'))
    except ValueError:
      item = None
    if not (isinstance(item, dict) and item.pop('reuse', False)
            and process.generation == self.generation):
      self.retire(process)
    if run is not None:
      finish(run, False, item)

  def wake_up_in(self, now):
    waits = [p.run.deadline - now if p.run is not None else p.idle_since + IDLE_LIMIT - now
             for p in self.by_fd.values()]
    return max(0.0, min(waits)) if waits else None

  def check_clocks(self, now):
    for process in list(self.by_fd.values()):
      if process.run is not None and now >= process.run.deadline:
        run = process.run
        self.retire(process, TERMINATE_GRACE)
        finish(run, True, None)
      elif process.run is None and now >= process.idle_since + IDLE_LIMIT:
        self.retire(process)

  def close(self):
    for process in list(self.by_fd.values()):
      self.retire(process)


def answer(reply):
  sys.stdout.write(json.dumps(reply) + '\n')
  sys.stdout.flush()


def start(request, processes):
  partition = request['partition']
  folder = request['folder']
  name = request['name']
  title = title_of(name)
  reply = {'id': request['id'], 'title': title}
  if request.get('kind') == 'bang':
    if warm_up(folder, name):
      processes.newer_modules()
    processes.dispatch(request)
    answer({'id': request['id'], 'title': title, 'outcome': 'started'})
    return
  cache = load_cache(partition, title)
  if cache is not None:
    if (request['anomaly'] and not cache.get('is_anomaly_detected')
        or not request['anomaly'] and not cache.get('is_tested')):
      reply.update(outcome='disabled')
      answer(reply)
      return
    next_run = cache.get('next_run_after')
    if not request['force'] and next_run and time.time() < next_run:
      reply.update(outcome='not-due', previous=load_result(partition, title))
      answer(reply)
      return
  init_file = os.path.join(folder, '__init__.py')
  if not os.path.exists(init_file):
    with open(init_file, 'w'):
      pass
    os.chmod(init_file, 0o644)
  if warm_up(folder, name):
    processes.newer_modules()
  processes.dispatch(request)
  # The caller's clock for this run's timeout starts now, not when it asked: starting this
  # interpreter and importing slapos.core may take long on a loaded machine.
  answer({'id': request['id'], 'title': title, 'outcome': 'started'})


def kill_group(pid, sig):
  try:
    os.killpg(pid, sig)
  except OSError:
    try:
      os.kill(pid, sig)
    except OSError:
      pass


def finish(run, timed_out, item):
  """Writes run's result and answers for it; item is what its process answered, if anything."""
  request = run.request
  partition = request['partition']
  title = title_of(request['name'])
  elapsed = round(time.time() - run.started, 3)
  reply = {'id': request['id'], 'title': title, 'execution_time': elapsed}
  if request.get('kind') == 'bang':
    reply['outcome'] = ('banged' if isinstance(item, dict) and item.get('type') == 'Bang'
                        else 'timeout' if timed_out else 'no-output')
    answer(reply)
    return
  if timed_out or not isinstance(item, dict) or 'type' not in item:
    item = None
  if item is not None and item['type'] == 'Empty Result':
    reply.update(outcome='empty')
    answer(reply)
    return
  if item is None:
    if timed_out:
      message = 'Error: Promise timed out after %s seconds' % request['timeout']
      reply['outcome'] = 'timeout'
    else:
      message = 'Error: No output returned by the promise'
      reply['outcome'] = 'no-output'
    if request['anomaly']:
      # As slapgrid: an anomaly only when the run before failed as well.
      previous = load_result(partition, title)
      failed = previous is not None and (
          previous['failed'] or 'error:' in (previous['message'] or '').lower())
      item = {'type': 'Anomaly Result', 'failed': failed, 'message': message}
    else:
      item = {'type': 'Test Result', 'failed': True, 'message': message}
    item['date'] = datetime.utcnow().strftime(DATE_FORMAT)
  else:
    reply['outcome'] = 'ran'
  try:
    write_result(partition, request, item['type'], item['failed'], item['date'],
                 item['message'], elapsed)
  except (IOError, OSError) as e:
    reply['write_error'] = str(e)
  reply.update(failed=item['failed'], message=item['message'], type=item['type'])
  if item.get('bang'):
    reply['bang'] = item['bang']
  answer(reply)


def serve(runs_limit):
  processes = RunProcesses(runs_limit)
  stdin = sys.stdin.fileno()
  pending = b''
  open_input = True
  while open_input or processes.busy():
    timeout = processes.wake_up_in(time.time())
    readable = select.select(([stdin] if open_input else []) + list(processes.by_fd), [], [],
                             timeout)[0]
    # By object, not fd: a process retired meanwhile may have left its fd number to a new one.
    for process in [processes.by_fd[fd] for fd in readable if fd != stdin]:
      if processes.by_fd.get(process.fd) is process:
        processes.read(process)
    if stdin in readable:
      chunk = os.read(stdin, 65536)
      if not chunk:
        open_input = False
      pending += chunk
      while b'\n' in pending:
        line, pending = pending.split(b'\n', 1)
        if line.strip():
          handle(line, processes)
    processes.check_clocks(time.time())
  processes.close()


def handle(line, processes):
  try:
    request = json.loads(line.decode('utf-8'))
  except ValueError as e:
    answer({'id': None, 'outcome': 'bad-request', 'message': str(e)})
    return
  if request.get('ping'):
    answer({'id': request.get('id'), 'outcome': 'pong', 'python': sys.version.split()[0]})
    return
  try:
    start(request, processes)
  except Exception:
    answer({'id': request.get('id'), 'title': title_of(str(request.get('name'))),
            'outcome': 'error', 'message': traceback.format_exc().strip()})


if __name__ == '__main__':
  for extra in reversed([p for p in os.environ.get('SLAPMON_PLUGIN_PATH', '').split(':') if p]):
    sys.path.insert(0, extra)
  signal.signal(signal.SIGPIPE, signal.SIG_DFL)
  serve(max(1, int(os.environ.get('SLAPMON_PLUGIN_RUNS_PER_PROCESS') or RUNS_PER_PROCESS)))
