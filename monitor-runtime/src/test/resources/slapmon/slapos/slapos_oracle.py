#!/usr/bin/python3
"""What SlapOS's buildout would make of slapmon's software.cfg and instance profile, without SlapOS.

Usage (always one line of JSON on stdout, exit status 0; {"ok": false, "error": "..."} on failure):

  slapos_oracle.py --oracle ORACLE.py jinja2 TEMPLATE CONTEXT.json
      Renders TEMPLATE with the real Jinja2 as slapos.recipe.template:jinja2 does (StrictUndefined,
      keep_trailing_newline) with the string variables of CONTEXT.json: {"ok": true, "text": ...}.
  slapos_oracle.py --oracle ORACLE.py raw FILE.cfg
      The sections of FILE.cfg as zc.buildout reads and merges them (extends, +=, -=), before any
      macro or substitution: {"ok": true, "sections": {...}}.
  slapos_oracle.py --oracle ORACLE.py resolve FILE.cfg [ANSWERS.json]
      Every section resolved by the real zc.buildout (through ORACLE.py, the differential-test
      oracle of monitor-config), recipes emulated as described below: {"ok": true, "sections":
      {...}, "rendered": {part: text}, "recipes": {section: recipe}}.

Recipes are never loaded. zc.buildout calls Options.initialize once a section's options are
substituted, to build the recipe; here it runs an emulation of the OPTIONS the recipe's constructor
sets, and nothing else (no file written, nothing installed):
  * slapos.recipe.build: its `init` Python code, executed for real with `self` (.options,
    .buildout, .name), as the recipe does.
  * slapos.cookbook:generate.password: `passwd` = the content of `storage-path` when that file is
    not empty, otherwise `bytes` random letters and digits.
  * slapos.cookbook:request / requestoptional: `connection-NAME` for each NAME of `return`, taken
    from ANSWERS.json {section: {NAME: value}} (what the master would answer), '' when absent
    (requestoptional's value while the requested instance is not ready).
  * slapos.recipe.template:jinja2: its template (`inline`, or the file `url`) rendered with the real
    Jinja2 and the context its `context` option declares (types key, raw, section), returned under
    "rendered" instead of written to `output` (a base, *-base and not a part, is left out when
    its template does not render: see is_base).
  * any other recipe (slapconfiguration, mkdirectory, plone.recipe.command, publish...): nothing.
${:_profile_base_location_} (SlapOS's zc.buildout fork, absent from upstream) is given, in the
sections that use it, the folder of the file that defined the section's options.
"""
import os
import sys

if not sys.flags.utf8_mode:
    os.execv(sys.executable, [sys.executable, '-X', 'utf8'] + sys.argv)

import importlib.util
import json
import random
import string

PROFILE_BASE = '_profile_base_location_'


def load_oracle(path):
    spec = importlib.util.spec_from_file_location('buildout_oracle', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # also applies its collections.MutableMapping shim
    return module


def jinja_environment(extensions=()):
    import jinja2
    from slapos_template_globals import TEMPLATE_BUILTINS
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                                     extensions=list(extensions))
    environment.globals.update(TEMPLATE_BUILTINS)
    return environment


class RecipeSelf(object):
    """What `self` is for slapos.recipe.build's init code."""

    def __init__(self, options):
        self.options = options
        self.buildout = options.buildout
        self.name = options.name


class Emulation(object):
    def __init__(self, answers):
        self.answers = answers
        self.rendered = {}
        self.recipes = {}

    def initialize(self, options):
        recipe = options.get('recipe', '').strip()
        self.recipes[options.name] = recipe
        if recipe == 'slapos.recipe.build':
            code = options.get('init')
            if code:
                exec(code, {'self': RecipeSelf(options)})
        elif recipe == 'slapos.cookbook:generate.password':
            options['passwd'] = stored_or_generated_password(options)
        elif recipe in ('slapos.cookbook:request', 'slapos.cookbook:requestoptional'):
            answer = self.answers.get(options.name, {})
            for name in options.get('return', '').split():
                options['connection-' + name] = answer.get(name, '')
        elif recipe == 'slapos.recipe.template:jinja2':
            try:
                self.rendered[options.name] = render_part(options)
            except Exception:
                if not is_base(options):
                    raise


def is_base(options):
    """A section named *-base that is not a part: by SlapOS's convention, a base other sections
    extend with `<=` (stack/logrotate's [cron-command-wrapper-base] has no context of its own).
    Resolving every section resolves it too; buildout never installs it, so its template is
    rendered only where the context allows."""
    parts = options.buildout['buildout'].get('parts', '').split()
    return options.name.endswith('-base') and options.name not in parts


def stored_or_generated_password(options):
    path = options['storage-path']
    if os.path.exists(path):
        with open(path) as stored:
            text = stored.read().strip('\n')
        if text:
            return text
    length = int(options.get('bytes', '16'))
    chars = string.ascii_letters + string.digits
    return ''.join(random.SystemRandom().choice(chars) for _ in range(length))


def render_part(options):
    context = {}
    for line in options.get('context', '').splitlines():
        words = line.split(None, 2)
        if not words:
            continue
        if len(words) != 3:
            raise ValueError('%s: context line %r: expected TYPE NAME EXPRESSION' % (options.name, line))
        kind, name, expression = words
        if kind == 'raw':
            context[name] = expression
        elif kind == 'key':
            section, option = expression.split(':', 1)
            context[name] = options.buildout[section or options.name][option]
        elif kind == 'section':
            section = options.buildout[expression]
            context[name] = {key: section[key] for key in section.keys()}
        else:
            raise ValueError('%s: context type %r is not emulated' % (options.name, kind))
    if options.get('inline') is not None:
        template = options['inline']
    else:
        with open(options['url']) as source:
            template = source.read()
    environment = jinja_environment(options.get('extensions', '').split())
    return environment.from_string(template).render(**context)


def add_profile_base_locations(zbb):
    """Wraps Options._initialize to give ${:_profile_base_location_} to the sections using it."""
    original = zbb.Options._initialize

    def _initialize(self):
        raw = self._raw
        if PROFILE_BASE not in raw and any(PROFILE_BASE in v for v in raw.values()):
            annotated = self.buildout._annotated.get(self.name, {})
            sources = [item.source for option in annotated.values() for item in option.history
                       if os.path.isfile(item.source)]
            if sources:
                raw[PROFILE_BASE] = os.path.dirname(os.path.abspath(sources[0]))
        original(self)

    zbb.Options._initialize = _initialize


def command_resolve(oracle, config_file, answers_file):
    import zc.buildout.buildout as zbb
    answers = {}
    if answers_file:
        with open(answers_file) as f:
            answers = json.load(f)
    emulation = Emulation(answers)
    add_profile_base_locations(zbb)
    sections = oracle.resolve(os.path.abspath(config_file),
                              lambda options: emulation.initialize(options))
    for options in sections.values():
        options.pop(PROFILE_BASE, None)
    return {'ok': True, 'sections': sections, 'rendered': emulation.rendered,
            'recipes': emulation.recipes}


def command_raw(oracle, config_file):
    import contextlib
    import tempfile
    import zc.buildout.buildout as zbb
    with tempfile.TemporaryDirectory(prefix='slapmon-slapos-oracle-') as eggs:
        with contextlib.redirect_stdout(sys.stderr):
            buildout = zbb.Buildout(
                os.path.abspath(config_file),
                [('buildout', 'offline', 'true'), ('buildout', 'eggs-directory', eggs)],
                user_defaults=False)
    return {'ok': True, 'sections': {name: dict(raw) for name, raw in buildout._raw.items()}}


def command_jinja2(template_file, context_file):
    with open(template_file) as source:
        template = source.read()
    with open(context_file) as f:
        context = json.load(f)
    return {'ok': True, 'text': jinja_environment().from_string(template).render(**context)}


def main(argv):
    if len(argv) < 4 or argv[1] != '--oracle':
        sys.stderr.write(__doc__)
        return 2
    oracle = load_oracle(argv[2])
    command, arguments = argv[3], argv[4:]
    try:
        if command == 'jinja2' and len(arguments) == 2:
            result = command_jinja2(*arguments)
        elif command == 'raw' and len(arguments) == 1:
            result = command_raw(oracle, arguments[0])
        elif command == 'resolve' and len(arguments) in (1, 2):
            result = command_resolve(oracle, arguments[0], (arguments + [None])[1])
        else:
            sys.stderr.write(__doc__)
            return 2
    except BaseException as e:
        if isinstance(e, KeyboardInterrupt):
            raise
        result = {'ok': False, 'error': '%s: %s' % (type(e).__name__, str(e).strip() or repr(e))}
    oracle.emit(result)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
