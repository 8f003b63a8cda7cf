#!/usr/bin/python3
"""The software releases of a SlapOS tree that extend the monitor stack, deployed on paper twice:
once with the original stack's instance template, once with slapmon's.

Usage (one line of JSON on stdout, exit status 0 unless the arguments are wrong):

  slapos_corpus.py TREE SLAPMON_TEMPLATE WORK [SR...]

TREE is a SlapOS checkout (software/, stack/, component/), SLAPMON_TEMPLATE slapmon's
instance-monitor.cfg.jinja2, WORK an empty folder. SR names restrict the run to those releases.
Output: {"releases": [{"name", "original": OUTCOME, "slapmon": OUTCOME}], "skipped": {name: why}}
where OUTCOME is {"ok": bool, "profiles": [{"type", "ok", "error"}],
"monitor-references": {"section:option": kind}}.

For each release whose software.cfg extends stack/monitor/buildout.cfg (directly or not):

1. Software level, once: the real zc.buildout reads software.cfg (offline, nothing installed) and
   resolves only the section that writes the instance profile (instance.cfg, or template.cfg, in
   the software folder) and what its context pulls in. Recipes are emulated in what they compute
   at init: slapos.recipe.template:jinja2 renders (real Jinja2) and writes its output into WORK;
   download recipes point `target` at the file in the tree; every recipe section gets `location`.
   [monitor2-template] is rendered twice: the original template with the context that
   stack/monitor/buildout.cfg gives (resolved like any context), and slapmon's template with the
   context slapmon's software.cfg declares (fixture paths for the Java runtime and the jar,
   `template_logrotate_base` from the stack's own [template-logrotate-base]).
2. Instance level, once per template, partition by partition as slapgrid deploys them: the root
   partition (software type `default`, no parameters: what a requester giving none gets), then one
   partition per other software type its switch-softwaretype offers, given the parameters that the
   partitions deployed before send to that type in their request sections (`config-*`; the
   serialised recipes decode each value); a type nobody requests gets none. Each partition's
   buildout.cfg is slapgrid's: [slap-connection], [network-information] (an empty
   `global-ipv4-network`), and [slap-configuration] with the serialised slapconfiguration recipe.
   switch-softwaretype reads only the partition's type and its profile is deployed in the same
   partition. Every part of [buildout] parts is resolved. Recipes are emulated in what they compute
   at init: slapconfiguration gives fixture addresses, the type, an empty `slave-instance-list`
   and the parameters as `configuration` and `configuration.NAME` (the jsonschema variant with
   `set-default = main` adds the defaults of the type's input schema of software.cfg.json, and
   empty valid/invalid shared-instance lists); generate.password a password and its hashes;
   free_port its `minimum`; random.time, userinfo fixed values; publish-early the values its
   `-init` lines name (nothing published yet); request(optional) empty connection values;
   slapos.recipe.build runs its `init`; promise.plugin, cron.d, wrapper and the others compute
   nothing. Like SlapOS's buildout, a recipe may set a non-string value, handed over as is by an
   option that is exactly one ${section:option} reference.
3. For each template, every ${monitor-...:...} reference that a release's own sections make (not
   the template's sections) is resolved and classified: url, path in partition FOLDER, path,
   empty, text (`monitor-references` of the outcome).

A profile resolves when every part resolves; a release resolves when all its profiles do.
"""
import os
import sys

if not sys.flags.utf8_mode:
    os.execv(sys.executable, [sys.executable, '-X', 'utf8'] + sys.argv)

import collections
import collections.abc

if not hasattr(collections, 'MutableMapping'):
    collections.MutableMapping = collections.abc.MutableMapping

import contextlib
import copy
import glob
import importlib
import json
import re
import shutil
import traceback
import types
import urllib.parse
import ast

import zc.buildout
import zc.buildout.buildout as zbb
import zc.buildout.easy_install

PROFILE_BASE = '${:_profile_base_location_}'
MONITOR_STACK = 'stack/monitor/buildout.cfg'
SLAPMON_CONTEXT = {
    'java_executable': '/opt/slapgrid/SR/parts/java-jdk/bin/java',
    'slapmon_jar': '/opt/slapmon/monitor-runtime/target/slapmon.jar',
    'openssl_location': '/opt/slapgrid/SR/parts/openssl',
}
SLAP_CONNECTION = """
[slap-connection]
computer-id = COMP-1234
partition-id = slappart7
server-url = https://master.example.com
key-file = /srv/slapgrid/slappart7/.slapos-key
cert-file = /srv/slapgrid/slappart7/.slapos-cert
software-release-url = https://lab.example.com/software/SR/software.cfg

[slap-configuration]
recipe = slapos.cookbook:slapconfiguration.serialised

[network-information]
global-ipv4-network =
"""
SLAP_CONFIGURATION = {
    'computer': 'COMP-1234',
    'partition': 'slappart7',
    'instance-title': 'Instance 0',
    'root-instance-title': 'Root 0',
    'slap-software-type': 'default',
    'ipv4-random': '10.0.0.7',
    'ipv6-random': '2001:db8::7',
    'ipv4': '10.0.0.7',
    'ipv6': '2001:db8::7',
    'tap-ipv4': '10.0.1.7',
    'tap-ipv6': '2001:db8:1::7',
    'tap-name': 'slaptap7',
    'tun-name': 'slaptun7',
    'tun-ipv4': '10.0.2.7',
    'ipv6-range-network': '2001:db8:7::/64',
    'storage-home': '/srv/slapgrid/slappart7/srv',
    'instance-guid': 'SOFTINST-7',
    'instance-state': 'started',
    'timestamp': '1700000000',
    'user-name': 'slapuser7',
}


from slapos_template_globals import TEMPLATE_BUILTINS  # noqa: E402


# --- zc.buildout, fast enough and without recipes -------------------------------------------------

def shared_history_copy(self, memo):
    """zc.buildout deep-copies [buildout]'s annotated options at each file it opens; the history
    items are never mutated, so copying the list is enough (seconds instead of minutes)."""
    key = object.__new__(zbb.SectionKey)
    key.__dict__.update(self.__dict__)
    key.history = list(self.history)
    return key


zbb.SectionKey.__deepcopy__ = shared_history_copy

# SlapOS's buildout lets a recipe set any value (a list, a dict) and hands it over as is when an
# option is exactly one ${section:option} reference to it; zc.buildout allows only strings.
ONE_REFERENCE = re.compile(r'^\$\{([^:}]*):([^}]*)\}$')
string_set = zbb.Options.__setitem__
string_sub = zbb.Options._sub


def any_value_set(self, option, value):
    if isinstance(value, str):
        string_set(self, option, value)
    else:
        self._data[option] = value


def object_sub(self, template, seen):
    reference = ONE_REFERENCE.match(template.strip())
    if reference:
        section, option = reference.groups()
        value = self.buildout[section or self.name].get(option, None, seen) \
            if (section or self.name) != self.name else None
        if value is not None and not isinstance(value, str):
            return value
    return string_sub(self, template, seen)


string_dosub = zbb.Options._dosub


def object_dosub(self, option, value):
    if '$$' not in value and ONE_REFERENCE.match(value.strip()):
        self._data[option] = self._sub(value, [(self.name, option)])
    else:
        string_dosub(self, option, value)


zbb.Options.__setitem__ = any_value_set
zbb.Options._dosub = object_dosub
zbb.Options._sub = object_sub

# Each file of the tree as zc.buildout reads it with what it extends (never the first file of a
# buildout: zc.buildout takes that one's [buildout] options as its own). A release opens the same
# component files many times (erp5: 20,000 opens of 1,500 files): read each once, hand out copies.
READ_ONCE_UNDER = []
read_files = {}
read_file = zbb._open


def read_once(base, filename, seen, dl_options, override, downloaded):
    path = os.path.normpath(os.path.join(base, filename))
    if not seen or not any(path.startswith(folder) for folder in READ_ONCE_UNDER):
        return read_file(base, filename, seen, dl_options, override, downloaded)
    if path not in read_files:
        read_files[path] = read_file(base, filename, seen, dl_options, override, downloaded)
    return copy.deepcopy(read_files[path])


zbb._open = read_once


def load(config_file, directory, initialize):
    """A Buildout for config_file, its folder `directory`, `initialize(options)` standing for the
    recipes' constructors, ${:_profile_base_location_} substituted as SlapOS's buildout does."""
    zbb.Options.initialize = lambda options: initialize(options)
    with contextlib.redirect_stdout(sys.stderr):
        buildout = zbb.Buildout(
            config_file,
            [('buildout', 'offline', 'true'), ('buildout', 'directory', directory),
             ('buildout', 'eggs-directory', os.path.join(directory, 'eggs'))],
            user_defaults=False)
    substitute_profile_base(buildout)
    return buildout


def substitute_profile_base(buildout):
    """SlapOS's buildout replaces ${:_profile_base_location_} by the folder of the file that wrote
    the value, when it reads that file; here, after the fact, from the annotated history."""
    for section, options in buildout._raw.items():
        annotated = buildout._annotated.get(section, {})
        for option, value in list(options.items()):
            if PROFILE_BASE not in value or option not in annotated:
                continue
            sources = [item.source for item in annotated[option].history
                       if PROFILE_BASE in (item.value or '') and os.path.isfile(item.source)]
            if sources:
                base = os.path.dirname(os.path.abspath(sources[-1]))
                options[option] = value.replace(PROFILE_BASE, base)


# --- recipes, in what they compute at init --------------------------------------------------------

def jinja_environment(extensions=(), loader=None):
    import jinja2
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                                     extensions=list(extensions), loader=loader)
    environment.globals.update(TEMPLATE_BUILTINS)
    return environment


def option_reference(buildout, options, expression):
    section, option = expression.split(':', 1)
    return buildout[section or options.name][option]


def jinja2_context(options):
    buildout = options.buildout
    context = {}
    for line in options.get('context', '').splitlines():
        words = line.split(None, 2)
        if not words:
            continue
        if len(words) != 3:
            raise ValueError('[%s] context line %r' % (options.name, line))
        kind, name, expression = words
        if kind == 'raw':
            context[name] = expression
        elif kind == 'key':
            context[name] = option_reference(buildout, options, expression)
        elif kind == 'jsonkey':
            context[name] = json.loads(option_reference(buildout, options, expression))
        elif kind == 'json':
            context[name] = json.loads(expression)
        elif kind == 'section':
            section = buildout[expression]
            context[name] = {key: section[key] for key in section.keys()}
        elif kind == 'import':
            context[name] = importlib.import_module(expression)
        else:
            raise ValueError('[%s] context type %r is not emulated' % (options.name, kind))
    return context


def jinja2_loader(options):
    import jinja2
    templates = {}
    for line in options.get('import-list', '').splitlines():
        words = line.split(None, 2)
        if not words:
            continue
        kind, name, expression = words
        path = option_reference(options.buildout, options, expression) if kind == 'file' \
            else expression
        with open(path) as source:
            templates[name] = source.read()
    return jinja2.DictLoader(templates)


def render_jinja2(options, template_file=None, context=None):
    if template_file is None and options.get('inline') is not None:
        template = options['inline']
    else:
        with open(template_file or local_path(options['url'])) as source:
            template = source.read()
    environment = jinja_environment(options.get('extensions', '').split(), jinja2_loader(options))
    return environment.from_string(template).render(
        **(jinja2_context(options) if context is None else context))


def local_path(url):
    return urllib.parse.urlparse(url).path if url.startswith('file://') else url


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as out:
        out.write(text)


def set_value(options, option, value):
    """A recipe's computed option, strings or not (SlapOS's buildout keeps any value)."""
    options._data[option] = value


class SoftwareRecipes(object):
    """What the software level's recipes compute, monitor2-template rendered per template kind."""

    def __init__(self, tree, slapmon_template):
        self.tree = tree
        self.slapmon_template = slapmon_template
        self.monitor_templates = {}

    def __call__(self, options):
        recipe = options.get('recipe', '').strip()
        if not recipe:
            return
        if 'location' not in options:
            set_value(options, 'location',
                      os.path.join(options.buildout['buildout']['parts-directory'], options.name))
        if 'download' in recipe:
            url = local_path(options.get('url', ''))
            target = os.path.join(options['location'],
                                  options.get('filename', '') or os.path.basename(url))
            if os.path.isfile(url):
                os.makedirs(os.path.dirname(target), exist_ok=True)
                shutil.copyfile(url, target)
            set_value(options, 'target', target)
        elif recipe == 'slapos.recipe.template:jinja2' and 'output' in options:
            if options.name == 'monitor2-template':
                self.render_monitor_templates(options)
            else:
                write(options['output'], render_jinja2(options))
        elif recipe == 'slapos.recipe.template' and 'output' in options:
            if options.get('inline') is not None:
                template = options['inline']
            else:
                with open(local_path(options['url'])) as source:
                    template = source.read()
            # $$ escapes a $, as in option values.
            write(options['output'],
                  '$'.join(options._sub(part, []) for part in template.split('$$')))

    def render_monitor_templates(self, options):
        self.monitor_templates['original'] = render_jinja2(options)
        context = dict(SLAPMON_CONTEXT)
        context['template_logrotate_base'] = options.buildout['template-logrotate-base']['output']
        self.monitor_templates['slapmon'] = render_jinja2(
            options, self.slapmon_template, context)


class InstanceRecipes(object):
    """What the instance level's recipes compute, for one partition: its software type and the
    parameters the master gives it; what it requests from other partitions is collected."""

    def __init__(self, release, software_type='default', parameters=None):
        self.release = release
        self.software_type = software_type
        self.parameters = parameters or {}
        self.software_types = []
        self.chosen = None
        self.requests = []

    def __call__(self, options):
        recipe = options.get('recipe', '').strip()
        if recipe.startswith('slapos.cookbook:slapconfiguration'):
            parameters = copy.deepcopy(self.parameters)
            if recipe.endswith('.jsonschema') and \
                    options.get('set-default', 'none').strip() in ('main', 'all'):
                for key, value in self.release.defaults(self.software_type).items():
                    parameters.setdefault(key, value)
            for key, value in SLAP_CONFIGURATION.items():
                set_value(options, key, value)
            set_value(options, 'slap-software-type', self.software_type)
            set_value(options, 'slave-instance-list', [])
            if recipe.endswith('.jsonschema'):
                set_value(options, 'valid-shared-instance-list', [])
                set_value(options, 'invalid-shared-instance-list', [])
            set_value(options, 'configuration', parameters)
            for key, value in parameters.items():
                set_value(options, 'configuration.' + key, value)
        elif recipe == 'slapos.cookbook:generate.password':
            for key, value in GENERATED_PASSWORD.items():
                set_value(options, key, value)
        elif recipe in FIXED_OUTPUTS:
            for key, value in FIXED_OUTPUTS[recipe].items():
                set_value(options, key, options.get(value, value) if key == 'port' else value)
        elif recipe == 'slapos.cookbook:publish-early':
            # Nothing published yet: each name takes the value of the option its -init line names.
            for line in options.get('-init', '').splitlines():
                words = line.split()
                if len(words) == 2:
                    set_value(options, words[0], option_reference(options.buildout, options, words[1]))
        elif recipe in REQUEST_RECIPES:
            for name in options.get('return', '').split():
                set_value(options, 'connection-' + name, '')
            set_value(options, 'instance_guid', 'SOFTINST-' + options.name)
            software_type = options.get('software-type', 'default').strip()
            self.requests.append((software_type, requested_parameters(options, recipe)))
        elif recipe == 'slapos.recipe.build':
            run_init(options)
        elif recipe == 'slapos.recipe.template:jinja2' and 'output' in options:
            write(options['output'], render_jinja2(options))
        elif recipe == 'slapos.cookbook:switch-softwaretype':
            # The recipe reads only the option of the partition's software type; the other
            # profiles are rendered in the partitions that have those types.
            self.software_types = sorted(
                name for name in options.keys()
                if name != 'recipe' and not name.startswith('_'))
            if self.software_type in self.software_types:
                reference = options[self.software_type].strip()
                if ':' in reference and '/' not in reference:
                    reference = option_reference(options.buildout, options, reference)
                self.chosen = reference


GENERATED_PASSWORD = {
    'passwd': 'Generated0Password',
    'passwd-sha256-crypt': '$5$rounds=1000$salt$fixture',
    'passwd-sha512-crypt': '$6$rounds=1000$salt$fixture',
    'passwd-bcrypt': '$2b$12$fixturefixturefixturefixtu',
    'passwd-ldap-salted-sha1': '{SSHA}fixturefixture',
}
# Recipes whose outputs do not depend on the partition beyond their options: free_port's `port`
# is its `minimum` (the first free one on an idle machine).
FIXED_OUTPUTS = {
    'slapos.cookbook:free_port': {'port': 'minimum'},
    'slapos.cookbook:random.time': {'time': '42 3'},
    'slapos.cookbook:generate.mac': {'mac-address': '02:00:00:00:00:07'},
    'slapos.cookbook:userinfo': {'pw-name': 'slapuser7', 'pw-uid': '1007', 'pw-gid': '1007',
                                 'pw-dir': '/srv/slapgrid/slappart7', 'pw-shell': '/bin/sh',
                                 'gr-name': 'slapuser7', 'gr-gid': '1007'},
}
REQUEST_RECIPES = ('slapos.cookbook:request', 'slapos.cookbook:requestoptional',
                   'slapos.cookbook:request.serialised',
                   'slapos.cookbook:requestoptional.serialised')


def requested_parameters(options, recipe):
    """The parameters a request section sends: its config-NAME options; the serialised recipes
    send each value decoded (JSON or a Python literal, as templates write them with dumps)."""
    parameters = {}
    for key in options.keys():
        if not key.startswith('config-'):
            continue
        value = options[key]
        if recipe.endswith('.serialised') and isinstance(value, str):
            for decode in (json.loads, ast.literal_eval):
                try:
                    value = decode(value)
                    break
                except (ValueError, SyntaxError):
                    continue
        parameters[key[len('config-'):]] = value
    return parameters


class Release(object):
    """What a release's software.cfg.json says: each software type's input schema defaults."""

    def __init__(self, folder):
        self.folder = folder
        self.schemas = {}
        try:
            with open(os.path.join(folder, 'software.cfg.json')) as source:
                for name, kind in json.load(source).get('software-type', {}).items():
                    self.schemas[kind.get('software-type', name)] = kind.get('request')
        except (OSError, ValueError):
            pass

    def defaults(self, software_type):
        """The top-level defaults of the type's input schema (set-default = main)."""
        request = self.schemas.get(software_type)
        if not request:
            return {}
        try:
            with open(os.path.join(self.folder, request)) as source:
                schema = json.load(source)
        except (OSError, ValueError):
            return {}
        return {key: copy.deepcopy(value['default'])
                for key, value in schema.get('properties', {}).items()
                if isinstance(value, dict) and 'default' in value}


class UriTemplate(object):
    """The form-style query expansion ({&a,b}) of RFC 6570, all that templates here use."""

    def __init__(self, template):
        self.template = template

    def expand(self, values):
        def expand(match):
            names = match.group(1).split(',')
            return ''.join(('&' if i else '&') + name + '=' + urllib.parse.quote(values[name], safe='')
                           for i, name in enumerate(names) if name in values)
        return re.sub(r'\{&([^}]*)\}', expand, self.template)


def run_init(options):
    code = options.get('init')
    if not code:
        return
    self = types.SimpleNamespace(options=options, buildout=options.buildout, name=options.name)
    sys.modules.setdefault('uritemplate', types.SimpleNamespace(URITemplate=UriTemplate))
    install = zc.buildout.easy_install.install
    zc.buildout.easy_install.install = lambda *args, **kwargs: None
    try:
        exec(code, {'self': self, 'options': options, 'location': options.get('location')})
    finally:
        zc.buildout.easy_install.install = install


# --- one release ----------------------------------------------------------------------------------

def extends_of(path):
    """The local files the [buildout] section of path extends (read as text: enough for that)."""
    found, section, option = [], None, None
    try:
        with open(path) as source:
            lines = source.read().splitlines()
    except OSError:
        return found
    for line in lines:
        header = re.match(r'\[([^\]]+)\]', line)
        if header:
            section, option = header.group(1).strip(), None
        elif section != 'buildout' or not line.strip() or re.match(r'\s*[#;]', line):
            continue
        elif line[:1].isspace():
            if option == 'extends':
                found += line.split()
        else:
            assignment = re.match(r'([^=+\-\s]+)\s*\+?=\s*(.*)$', line)
            option = assignment.group(1) if assignment else None
            if option == 'extends':
                found += assignment.group(2).split()
    return [os.path.normpath(os.path.join(os.path.dirname(path), name))
            for name in found if '://' not in name and '{' not in name and '$' not in name]


def extended_files(path, seen=None):
    seen = set() if seen is None else seen
    if path not in seen:
        seen.add(path)
        for extended in extends_of(path):
            extended_files(extended, seen)
    return seen


def releases(tree):
    monitor = os.path.join(tree, MONITOR_STACK)
    return [os.path.basename(os.path.dirname(path))
            for path in sorted(glob.glob(os.path.join(tree, 'software', '*', 'software.cfg')))
            if monitor in extended_files(path)]


def instance_profile_section(buildout):
    software = buildout['buildout']['directory']
    for name in sorted(buildout._raw):
        output = buildout._raw[name].get('output', '')
        if output.replace('${buildout:directory}', software).rstrip() in (
                os.path.join(software, 'instance.cfg'), os.path.join(software, 'template.cfg')):
            return name
    raise LookupError('no section writes instance.cfg or template.cfg in the software folder')


strict_get = zbb.Options.get


def lenient_get(self, option, default=None, seen=None):
    """A ${reference} to an option a recipe computes at init (a prefix, an egg name...), which no
    emulation sets: a placeholder, at the software level only (the instance level is measured)."""
    value = strict_get(self, option, default, seen)
    if value is None and seen is not None and strict_get(self, 'recipe') is not None:
        value = '/software-placeholder/%s/%s' % (self.name, option)
    return value


def build_software(tree, name, slapmon_template, folder):
    """Software level: the rendered instance profile's path and the two monitor templates."""
    recipes = SoftwareRecipes(tree, slapmon_template)
    zbb.Options.get = lenient_get
    try:
        buildout = load(os.path.join(tree, 'software', name, 'software.cfg'), folder, recipes)
        section = instance_profile_section(buildout)
        profile = buildout[section]['output']
        if 'monitor2-template' not in recipes.monitor_templates:
            buildout['monitor2-template']['output']
        return profile, recipes.monitor_templates, buildout['monitor2-template']['output']
    finally:
        zbb.Options.get = strict_get


def deploy(profile, partition, recipes):
    """One instance buildout, as slapgrid (or switch-softwaretype) runs it: every part resolved."""
    os.makedirs(partition, exist_ok=True)
    config = os.path.join(partition, 'buildout.cfg')
    write(config, '[buildout]\nextends = %s\n%s' % (profile, SLAP_CONNECTION))
    buildout = load(config, partition, recipes)
    for part in buildout['buildout'].get('parts', '').split():
        buildout[part]
    recipes.monitor_values = monitor_references(buildout, partition)
    return recipes


MONITOR_REFERENCE = re.compile(r'\$\{(monitor[^:}]*):([^}]+)\}')
MONITOR_SECTIONS = set()


def monitor_references(buildout, partition):
    """What each ${monitor-...:...} reference a release's own sections make resolves to, by kind:
    a URL, a path under the partition (relative to it), another path, empty, or other text."""
    values = {}
    for section, options in buildout._raw.items():
        if section in MONITOR_SECTIONS:
            continue
        for value in options.values():
            for name, option in MONITOR_REFERENCE.findall(value if isinstance(value, str) else ''):
                key = '%s:%s' % (name, option)
                if key in values:
                    continue
                try:
                    values[key] = value_kind(buildout[name][option], partition)
                except Exception as error:
                    values[key] = 'unresolved: ' + error_text(error)
    return values


def value_kind(value, partition):
    if not isinstance(value, str):
        return 'object ' + type(value).__name__
    value = value.strip()
    if not value:
        return 'empty'
    if re.match(r'^[a-z][a-z0-9+.-]*://', value):
        return 'url'
    if value.startswith(partition + os.sep):
        return 'path in partition ' + os.path.dirname(os.path.relpath(value, partition))
    if value.startswith('/'):
        return 'path'
    return 'text'


def error_text(error):
    if os.environ.get('CORPUS_DEBUG'):
        traceback.print_exception(error)
    return '%s: %s' % (type(error).__name__, (str(error).strip() or repr(error)).splitlines()[0])


ROOT_TYPES = ('default', 'RootSoftwareInstance')


def deploy_type(release, profile, partition, software_type, parameters, requests, values):
    """A partition of one software type: the release's profile, then the profile its
    switch-softwaretype chose for the type. Its requests are appended to `requests`, the kinds of
    the values its ${monitor-...} references resolve to put in `values`."""
    recipes = InstanceRecipes(release, software_type, parameters)
    try:
        deploy(profile, os.path.join(partition, 'profile'), recipes)
        values.update(recipes.monitor_values)
        if recipes.chosen:
            chosen = InstanceRecipes(release, software_type, parameters)
            try:
                deploy(recipes.chosen, os.path.join(partition, 'type'), chosen)
                values.update(chosen.monitor_values)
            finally:
                requests.extend(chosen.requests)
        return recipes.software_types, None
    except Exception as error:
        return recipes.software_types, error_text(error)
    finally:
        requests.extend(recipes.requests)


def deploy_release(release, profile, partition, values):
    """The root partition (software type default, no parameters), then a partition of each other
    software type the release's switch-softwaretype offers, with the parameters the partitions
    deployed before request for that type (none when no partition requests it)."""
    requests = []
    software_types, error = deploy_type(
        release, profile, os.path.join(partition, 'root'), 'default', {}, requests, values)
    outcomes = [{'type': 'root', 'ok': error is None}]
    if error:
        outcomes[0]['error'] = error
        return outcomes
    pending = [name for name in software_types if name not in ROOT_TYPES]
    for name in software_types:
        if name in ROOT_TYPES and name != 'default':
            pending.insert(0, name)
    index = 0
    while pending:
        requested = {name for name, _ in requests}
        software_type = next((name for name in pending if name in requested), pending[0])
        pending.remove(software_type)
        parameters = {}
        for name, sent in requests:
            if name == software_type:
                parameters = sent
                break
        index += 1
        _, error = deploy_type(release, profile, os.path.join(partition, 'type-%d' % index),
                               software_type, parameters, requests, values)
        outcome = {'type': software_type, 'ok': error is None}
        if error:
            outcome['error'] = error
        outcomes.append(outcome)
    return outcomes


def examine(tree, name, slapmon_template, work):
    os.chdir(work)
    folder = os.path.join(work, name)
    software = os.path.join(folder, 'software')
    os.makedirs(software)
    profile, templates, monitor_output = build_software(tree, name, slapmon_template, software)
    result = {'name': name}
    release = Release(os.path.join(tree, 'software', name))
    for kind in ('original', 'slapmon'):
        write(monitor_output, templates[kind])
        MONITOR_SECTIONS.clear()
        MONITOR_SECTIONS.update(re.findall(r'(?m)^\[([^\]]+)\]', templates[kind]))
        values = {}
        profiles = deploy_release(release, profile, os.path.join(folder, kind), values)
        result[kind] = {'ok': all(p['ok'] for p in profiles), 'profiles': profiles,
                        'monitor-references': values}
    shutil.rmtree(folder, ignore_errors=True)
    return result


def main(argv):
    if len(argv) < 4:
        sys.stderr.write(__doc__)
        return 2
    tree, slapmon_template, work = (os.path.abspath(a) for a in argv[1:4])
    READ_ONCE_UNDER.append(tree + os.sep)
    names = argv[4:] or releases(tree)
    results, skipped = [], {}
    for name in names:
        try:
            results.append(examine(tree, name, slapmon_template, work))
        except Exception as error:
            if os.environ.get('CORPUS_DEBUG'):
                traceback.print_exc()
            skipped[name] = 'software level: ' + error_text(error)
    sys.stdout.write(json.dumps({'releases': results, 'skipped': skipped}, sort_keys=True))
    sys.stdout.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
