"""CPU and page faults of slapmon's plugin worker alone (no JVM), over one pass of a partition.

usage: /usr/bin/python3 bench/plugins/worker-cpu.py WORKER.py PARTITION [PARALLELISM]

Feeds the worker (plugin_worker.py, e.g. `unzip -p slapmon.jar slapmon/runtime/plugin/plugin_worker.py`)
one forced anomaly request per plugin of PARTITION/etc/plugin, at most PARALLELISM (4) in flight as
PluginRunner sends them, then prints the CPU (user + sys) and minor faults of the worker and its
runs together. Run it on a partition of one plugin and one of N: the difference over N - 1 is the
cost of one run, the worker's start and warm-up imports left out.
"""
import json
import os
import resource
import subprocess
import sys

worker, partition = sys.argv[1], os.path.abspath(sys.argv[2])
parallelism = int(sys.argv[3]) if len(sys.argv) > 3 else 4
folder = os.path.join(partition, 'etc', 'plugin')
names = sorted(n for n in os.listdir(folder) if n.endswith('.py') and not n.startswith('__init__'))
process = subprocess.Popen([sys.executable, '-u', os.path.abspath(worker)], cwd=partition,
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE)
in_flight = answered = 0
for_later = list(names)
while for_later or in_flight:
  while for_later and in_flight < parallelism:
    request = {'id': len(names) - len(for_later), 'partition': partition, 'folder': folder,
               'name': for_later.pop(0), 'anomaly': True, 'force': True, 'timeout': 20,
               'bang': False, 'config': {},
               'log_folder': os.path.join(partition, '.slapgrid', 'promise', 'log')}
    process.stdin.write((json.dumps(request) + '\n').encode())
    process.stdin.flush()
    in_flight += 1
  line = process.stdout.readline()
  if not line:
    break
  if json.loads(line).get('outcome') != 'started':
    in_flight -= 1
    answered += 1
process.stdin.close()
process.wait()
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print('plugins %d answered %d cpu %.3f s minflt %d' % (
  len(names), answered, usage.ru_utime + usage.ru_stime, usage.ru_minflt))
