# slapmon's plugin worker: runs SlapOS plugin promises (etc/plugin/*.py) for the Java monitor.
#
# One long-lived process in the partition's Python. It reads one JSON request per line on stdin
# and answers one JSON line per request on stdout, in the order runs end (each answer carries its
# request's id); a run that starts is announced first by a line whose outcome is "started". Every plugin run is a fork of this warm process, so a run pays neither an
# interpreter start nor the import of the plugins' common libraries. Several runs may be in flight:
# the Java side bounds them.
#
# What a run does follows slapgrid's launcher (slapos.core, slapos/grid/promise): the plugin's
# periodicity cache in .slapgrid/promise/cache/TITLE, sense() then anomaly() or test() (the
# plugin's own GenericPromise), the timeout and its message, the result written atomically to
# .slapgrid/promise/result/TITLE.status.json in the launcher's JSON layout. This file is slapmon's
# own code; slapos.core is only imported, from the plugin's path, as the plugin itself imports it.
import ast
import errno
import gc
import importlib
import importlib.machinery
import importlib.util
import inspect
import json
import os
import re
import select
import signal
import sys
import time
import traceback
from datetime import datetime

RESULT_FOLDER = os.path.join('.slapgrid', 'promise', 'result')
CACHE_FOLDER = os.path.join('.slapgrid', 'promise', 'cache')
DATE_FORMAT = '%Y-%m-%dT%H:%M:%S+0000'
# A killed run's group gets this long between SIGTERM and SIGKILL, as slapgrid gives it.
TERMINATE_GRACE = 1.0
MESSAGE_LIMIT = 5000
VALID_NAME = re.compile(r'[a-zA-Z_]')


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
  """Imports, once, what plugins use, so that each forked run finds it already loaded."""
  path = os.path.join(folder, name)
  try:
    st = os.stat(path)
    signature = (st.st_ino, st.st_size, st.st_mtime_ns)
  except OSError:
    signature = None
  if signature is not None and warmed_files.get(path) == signature:
    return
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
  """A meta path finder for a forked run: a plugin file drops every slapos and pkg_resources
  module from sys.modules and imports them again, to get those of its own path. When the file
  such an import would load is the very file a module of this process was loaded from, the run
  gets that module as it was when it was loaded here (no plugin ran in this process), instead of
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


# --- the forked run ------------------------------------------------------------------------------

def run_plugin(request, answer_fd, warm_modules):
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
  sys.meta_path.insert(0, WarmModules(warm_modules))
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
  anomaly = request['anomaly']
  detects = getattr(promise, 'isAnomalyDetected', None)
  tested = getattr(promise, 'isTested', None)
  started = (detects is None or tested is None or (anomaly and detects())
             or (not anomaly and tested()))
  write_cache(partition, title, promise_class, promise, started)
  promise.run(anomaly, request['bang'])
  item = box.item
  if item is None or item.item.type() == 'Empty Result':
    answer = {'type': 'Empty Result'}
  else:
    answer = {
      'type': item.item.type(),
      'failed': bool(item.item.hasFailed()),
      'date': item.item.date.strftime(DATE_FORMAT),
      'message': item.item.message,
    }
  data = json.dumps(answer).encode('utf-8')
  while data:
    data = data[os.write(answer_fd, data):]


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


def child(request, answer_fd, warm_modules):
  code = 0
  try:
    os.setpgid(0, 0)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(2, 1)  # a plugin that prints must not write into the answers
    run_plugin(request, answer_fd, warm_modules)
  except BaseException:
    log('%s: %s' % (request.get('name'), traceback.format_exc().strip()))
    code = 1
  finally:
    try:
      sys.stdout.flush()
      sys.stderr.flush()
    finally:
      os._exit(code)


# --- the long-lived parent -----------------------------------------------------------------------

class Run(object):
  def __init__(self, request, pid, fd, started):
    self.request = request
    self.pid = pid
    self.fd = fd
    self.started = started
    self.deadline = started + float(request['timeout'])
    self.data = b''
    self.done = False  # the answer pipe reached its end
    self.killed_at = None


def answer(reply):
  sys.stdout.write(json.dumps(reply) + '\n')
  sys.stdout.flush()


def start(request, runs):
  partition = request['partition']
  folder = request['folder']
  name = request['name']
  title = title_of(name)
  reply = {'id': request['id'], 'title': title}
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
  warm_up(folder, name)
  read_fd, write_fd = os.pipe()
  sys.stdout.flush()
  sys.stderr.flush()
  pid = os.fork()
  if pid == 0:
    os.close(read_fd)
    child(request, write_fd, warm_modules)
  os.close(write_fd)
  runs[read_fd] = Run(request, pid, read_fd, time.time())
  # The caller's clock for this run's timeout starts now, not when it asked: starting this
  # interpreter and importing slapos.core may take long on a loaded machine.
  answer({'id': request['id'], 'title': title, 'outcome': 'started'})


def kill_group(run, sig):
  try:
    os.killpg(run.pid, sig)
  except OSError:
    try:
      os.kill(run.pid, sig)
    except OSError:
      pass


def finish(run, runs, timed_out):
  del runs[run.fd]
  os.close(run.fd)
  if timed_out:
    kill_group(run, signal.SIGTERM)
    limit = time.time() + TERMINATE_GRACE
    while time.time() < limit and os.waitpid(run.pid, os.WNOHANG)[0] == 0:
      time.sleep(0.01)
    kill_group(run, signal.SIGKILL)
  try:
    os.waitpid(run.pid, 0)
  except OSError:
    pass
  # Whatever the run left behind in its group goes with it.
  kill_group(run, signal.SIGKILL)
  request = run.request
  partition = request['partition']
  title = title_of(request['name'])
  elapsed = round(time.time() - run.started, 3)
  reply = {'id': request['id'], 'title': title, 'execution_time': elapsed}
  item = None
  if not timed_out and run.data:
    try:
      item = json.loads(run.data.decode('utf-8'))
    except ValueError:
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
  answer(reply)


def serve():
  runs = {}
  stdin = sys.stdin.fileno()
  pending = b''
  open_input = True
  while open_input or runs:
    now = time.time()
    waits = [max(0.0, run.deadline - now) for run in runs.values()]
    timeout = min(waits) if waits else None
    readable = select.select(([stdin] if open_input else []) + list(runs), [], [], timeout)[0]
    for fd in readable:
      if fd == stdin:
        chunk = os.read(stdin, 65536)
        if not chunk:
          open_input = False
          continue
        pending += chunk
        while b'\n' in pending:
          line, pending = pending.split(b'\n', 1)
          if line.strip():
            handle(line, runs)
      else:
        run = runs[fd]
        chunk = os.read(fd, 65536)
        if chunk:
          run.data += chunk
        else:
          finish(run, runs, False)
    now = time.time()
    for run in list(runs.values()):
      if now >= run.deadline:
        finish(run, runs, True)


def handle(line, runs):
  try:
    request = json.loads(line.decode('utf-8'))
  except ValueError as e:
    answer({'id': None, 'outcome': 'bad-request', 'message': str(e)})
    return
  if request.get('ping'):
    answer({'id': request.get('id'), 'outcome': 'pong', 'python': sys.version.split()[0]})
    return
  try:
    start(request, runs)
  except Exception:
    answer({'id': request.get('id'), 'title': title_of(str(request.get('name'))),
            'outcome': 'error', 'message': traceback.format_exc().strip()})


if __name__ == '__main__':
  for extra in reversed([p for p in os.environ.get('SLAPMON_PLUGIN_PATH', '').split(':') if p]):
    sys.path.insert(0, extra)
  signal.signal(signal.SIGPIPE, signal.SIG_DFL)
  serve()
