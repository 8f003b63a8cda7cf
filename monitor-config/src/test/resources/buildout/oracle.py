#!/usr/bin/python3
"""Differential-test oracle: what does real zc.buildout 2.13.2 make of a buildout file?

Usage:  /usr/bin/python3 oracle.py FILE.cfg

Reads FILE.cfg (and whatever it extends) with the zc.buildout installed on this machine
(Debian's python3-zc.buildout), expands every section (<= macros, ${...} substitutions)
and prints ONE line of JSON on stdout, always exiting with status 0:

    {"ok": true,  "sections": {"section": {"option": "value", ...}, ...}}
    {"ok": false, "error": "ExceptionClass: message"}

Nothing is installed and nothing is downloaded: recipes are never loaded, buildout runs
offline, and its eggs directory is a temporary folder that is removed afterwards.
Whatever zc.buildout itself writes on stdout goes to stderr instead, so stdout carries
the JSON only. The JSON is pure ASCII (non-ASCII characters as \\uXXXX escapes).

Filtering, so that the output holds only what the files say (the Java test applies the
same rules to the reader it checks):
  * [buildout]: zc.buildout fills it with defaults (offline, newest, executable,
    eggs-directory, installed, versions, log-level, ...) and we also set offline and
    eggs-directory on its "command line". We print only
      - directory, parts-directory, bin-directory, develop-eggs-directory, parts
        (when present), which our reader must compute the same way, and
      - every option that one of the configuration files set (its annotated history
        names a file as a source), whether or not zc.buildout also has a default for it.
    `extends` never appears: zc.buildout removes it after merging.
  * [versions] (the section named by buildout:versions, `versions` by default):
    zc.buildout adds `zc.buildout = >=…` and `zc.recipe.egg = >=2.0.6` when the files do
    not pin them. Entries whose value came only from those defaults are dropped, and the
    section is left out entirely when nothing remains (zc.buildout creates it even when
    no file has it).
"""
import os
import sys

# zc.buildout opens configuration files with the locale's encoding. Make that UTF-8
# whatever the caller's locale is, so the result does not depend on LANG/LC_ALL.
if not sys.flags.utf8_mode:
    os.execv(sys.executable, [sys.executable, '-X', 'utf8'] + sys.argv)

import collections
import collections.abc

# Debian's zc.buildout 2.13.2 still imports collections.MutableMapping (gone in 3.10).
if not hasattr(collections, 'MutableMapping'):
    collections.MutableMapping = collections.abc.MutableMapping

import contextlib
import json
import tempfile

# Sources zc.buildout records for values no configuration file wrote.
NOT_FROM_A_FILE = {'DEFAULT_VALUE', 'COMPUTED_VALUE', 'COMMAND_LINE_VALUE', 'IMPLICIT_VALUE', ''}
ALWAYS_PRINTED = ('directory', 'parts-directory', 'bin-directory', 'develop-eggs-directory', 'parts')
ADDED_VERSION_PINS = ('zc.buildout', 'zc.recipe.egg')


def emit(document):
    sys.stdout.write(json.dumps(document, ensure_ascii=True, sort_keys=True))
    sys.stdout.write('\n')
    sys.stdout.flush()


def set_by_a_file(annotated_section, option):
    """True when some configuration file wrote (set, +=, -=) this option."""
    key = annotated_section.get(option)
    if key is None:
        return False
    return any(item.source not in NOT_FROM_A_FILE for item in key.history)


def resolve(config_file, initialize=lambda options: None):
    """The filtered sections of config_file. `initialize(options)` replaces the loading of
    each section's recipe (by default nothing is done; a harness may emulate what a recipe's
    constructor sets, see monitor-runtime's slapos_oracle.py)."""
    import zc.buildout.buildout as zbb

    # A section with `recipe = ...` would load (and maybe install) the recipe once its
    # options are substituted. Replace that step: substitution, macros and <part-dependencies>
    # still happen in Options._initialize, only the recipe is skipped.
    zbb.Options.initialize = initialize

    with tempfile.TemporaryDirectory(prefix='slapmon-buildout-oracle-') as eggs:
        with contextlib.redirect_stdout(sys.stderr):
            buildout = zbb.Buildout(
                config_file,
                [('buildout', 'offline', 'true'), ('buildout', 'eggs-directory', eggs)],
                user_defaults=False)  # never read ~/.buildout/default.cfg
            resolved = {}
            for name in sorted(buildout._raw):
                options = buildout[name]  # expands <= and substitutes every ${...}
                resolved[name] = {option: options[option] for option in options.keys()}

    annotated = buildout._annotated
    result = {}
    for name, options in resolved.items():
        if name == 'buildout':
            options = {k: v for k, v in options.items()
                       if k in ALWAYS_PRINTED or set_by_a_file(annotated['buildout'], k)}
        versions_section = buildout._raw['buildout'].get('versions')
        if versions_section and name == versions_section:
            options = {k: v for k, v in options.items()
                       if k not in ADDED_VERSION_PINS or set_by_a_file(annotated[name], k)}
            if not options:
                continue
        result[name] = options
    return result


def main(argv):
    if len(argv) != 2:
        sys.stderr.write('usage: oracle.py FILE.cfg\n')
        return 2
    config_file = os.path.abspath(argv[1])
    try:
        import zc.buildout.buildout  # noqa: F401  (checked apart: a missing module is not a reject)
    except ImportError as e:
        emit({'ok': False, 'error': 'NoZcBuildout: %s' % e, 'oracle-unavailable': True})
        return 0
    try:
        sections = resolve(config_file)
    except BaseException as e:  # every failure of zc.buildout is a reject to compare
        if isinstance(e, KeyboardInterrupt):
            raise
        message = str(e).strip() or repr(e)
        emit({'ok': False, 'error': '%s: %s' % (type(e).__name__, message)})
        return 0
    emit({'ok': True, 'sections': sections})
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
