#!/usr/bin/python3
"""The software level of the SlapOS releases that extend the monitor stack, resolved twice: in the
SlapOS tree as it is, and in a copy of it whose stack/monitor holds slapmon's files instead.

Usage (one line of JSON on stdout, exit status 0 unless the arguments are wrong):

  slapos_software.py TREE SLAPMON WORK [SR...]

TREE is a SlapOS checkout (software/, stack/, component/), SLAPMON the folder holding slapmon's
buildout.cfg, software.cfg, instance-monitor.cfg.jinja2 and template-monitor-httpd-wrapper.sh.in,
WORK an empty folder. SR names restrict the run to those releases.
Output: {"releases": [{"name", "original": OUTCOME, "slapmon": OUTCOME}]} where
OUTCOME is {"ok": bool, "parts": N, "errors": {part: error}, "monitor-references": {name: kind},
"placeholders": N}.

The copy (WORK/tree) is the operator's switch of docs/slapos.md: folders are real, files are
symbolic links to TREE's, and stack/monitor/ holds copies of slapmon's four files (so
../../stack/monitor/buildout.cfg, which every release or stack extends, is slapmon's). TREE is
never written.

For each release whose software.cfg extends stack/monitor/buildout.cfg (directly or through other
stacks or components), in each tree: the real zc.buildout reads software.cfg (offline, nothing
installed; the two traps of the oracle README worked around by slapos_corpus) and resolves every
part of [buildout] parts, as `buildout install` would before running the recipes: its options
substituted, `<=` macros expanded, the sections it references resolved. Recipes are never loaded;
what their constructors compute is emulated:
  * every recipe: `location` (parts/NAME) unless given; download recipes: `target`;
  * slapos.recipe.template:jinja2: each `context` line and `import-list` file resolved (key,
    section, jsonkey, raw...); [monitor2-template] is also rendered by the real Jinja2
    (StrictUndefined) with that context: the monitor template must build in the release;
  * slapos.recipe.template: its template's ${...} substituted, as the recipe does at init;
  * any other option a recipe would compute (an egg's path, a prefix...) that a reference asks for
    gets a placeholder, except in the monitor stack's own sections (those its folder's files
    define): there, an option neither given nor computed above is missing, as it would be.
A release resolves when every part does. For each tree, every reference the release's own
sections and templates make to a monitor stack name (${monitor...:...}, ${template-monitor...:...},
context lines, and any section the stack's folder defines) is resolved and classified: path,
url, empty, text, placeholder (a missing name: unresolved, with the error).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import slapos_corpus as corpus  # zc.buildout made fast and any-valued; re-executes in UTF-8 mode

import json
import re
import shutil

import zc.buildout.buildout as zbb

SLAPMON_FILES = ('buildout.cfg', 'software.cfg', 'instance-monitor.cfg.jinja2',
                 'template-monitor-httpd-wrapper.sh.in')
STACK = os.path.join('stack', 'monitor')
PLACEHOLDER = '/software-placeholder/'
SECTION_NAME = '_buildout_section_name_'  # zc.buildout gives it when no option has the name
# What slapos.recipe.template:jinja2 reads from the buildout to build its context.
CONTEXT_READS = ('key', 'jsonkey', 'section')
SECTION_HEADER = re.compile(r'(?m)^\[([^\]\s]+)\]')
REFERENCE = re.compile(r'\$\{([^:}$]*):([^}$]+)\}')


def mirror(tree, slapmon, target):
    """A copy of tree in target: real folders, symbolic links to the files, slapmon in stack/monitor."""
    for folder, folders, files in os.walk(tree):
        relative = os.path.relpath(folder, tree)
        if relative == STACK or relative.startswith(STACK + os.sep):
            continue
        os.makedirs(os.path.join(target, relative), exist_ok=True)
        for name in files:
            os.symlink(os.path.join(folder, name), os.path.join(target, relative, name))
    stack = os.path.join(target, STACK)
    os.makedirs(stack)
    for name in SLAPMON_FILES:
        shutil.copyfile(os.path.join(slapmon, name), os.path.join(stack, name))
    return target


def stack_sections(tree):
    """The sections the files of the tree's stack/monitor folder define."""
    names = set()
    folder = os.path.join(tree, STACK)
    for name in os.listdir(folder):
        if name.endswith('.cfg'):
            with open(os.path.join(folder, name)) as source:
                names.update(SECTION_HEADER.findall(source.read()))
    names.discard('buildout')
    return names


class SoftwareRecipes(object):
    """What the software level's recipe constructors compute, for one release in one tree."""

    def __init__(self, monitor_names):
        self.monitor_names = monitor_names
        self.references = {}
        self.placeholders = set()

    def __call__(self, options):
        recipe = options.get('recipe', '').strip()
        if not recipe:
            return
        if 'location' not in options:
            corpus.set_value(options, 'location', os.path.join(
                options.buildout['buildout']['parts-directory'], options.name))
        if 'download' in recipe:
            url = corpus.local_path(options.get('url', ''))
            corpus.set_value(options, 'target', os.path.join(
                options['location'], options.get('filename', '') or os.path.basename(url)))
        elif recipe == 'slapos.recipe.template:jinja2':
            context = self.context(options)
            if options.name == 'monitor2-template':
                corpus.render_jinja2(options, context=context)
        elif recipe == 'slapos.recipe.template':
            self.substitute_template(options)

    def context(self, options):
        """The jinja2 recipe's context and import-list, as it resolves them at init."""
        context = {}
        for line in options.get('context', '').splitlines():
            words = line.split(None, 2)
            if not words:
                continue
            kind, name, expression = words
            if kind in CONTEXT_READS:
                section = expression.split(':', 1)[0] or options.name
                self.note(options, section, expression.split(':', 1)[-1]
                          if kind != 'section' else None)
            if kind == 'import':
                continue  # a Python module the recipe imports: nothing of the buildout's
            context.update(corpus.jinja2_context(_OneLine(options, line)))
        for line in options.get('import-list', '').splitlines():
            words = line.split(None, 2)
            if len(words) == 3 and words[0] == 'file':
                section, option = words[2].split(':', 1)
                self.note(options, section or options.name, option)
                corpus.option_reference(options.buildout, options, words[2])
        return context

    def substitute_template(self, options):
        if options.get('inline') is not None:
            template = options['inline']
        else:
            with open(corpus.local_path(options['url'])) as source:
                template = source.read()
        for part in template.split('$$'):
            for section, option in REFERENCE.findall(part):
                self.note(options, section or options.name, option)
            options._sub(part, [])

    def note(self, options, section, option):
        """A reference of the release to a monitor stack name, kept to be classified."""
        if options.name in self.monitor_names or not is_monitor_name(section, self.monitor_names):
            return
        self.references['%s:%s' % (section, option or '*')] = (section, option)


def is_monitor_name(section, monitor_names):
    return (section in monitor_names or section.startswith('monitor')
            or section.startswith('template-monitor'))


class _OneLine(object):
    """A section's options with a single context line: to resolve the lines one by one."""

    def __init__(self, options, line):
        self.options, self.line = options, line
        self.buildout, self.name = options.buildout, options.name

    def get(self, key, default=None):
        return self.line if key == 'context' else self.options.get(key, default)


def software_get(monitor_names, placeholders):
    """Options.get where a recipe-computed option no emulation sets gets a placeholder, except in
    the monitor stack's own sections."""
    strict_get = corpus.strict_get

    def get(self, option, default=None, seen=None):
        value = strict_get(self, option, default, seen)
        if value is None and seen is not None and self.name not in monitor_names \
                and option != SECTION_NAME and strict_get(self, 'recipe') is not None:
            placeholders.add('%s:%s' % (self.name, option))
            value = '%s%s/%s' % (PLACEHOLDER, self.name, option)
        return value
    return get


def references_in_sections(buildout, monitor_names):
    """The release's own ${monitor...} references (in its sections, not the stack's)."""
    found = {}
    for name, options in buildout._raw.items():
        if name in monitor_names:
            continue
        for value in options.values():
            if not isinstance(value, str):
                continue
            for section, option in REFERENCE.findall(value):
                if section and is_monitor_name(section, monitor_names):
                    found['%s:%s' % (section, option)] = (section, option)
    return found


def value_kind(value):
    """A path is a path wherever it points: the original's wrapper template is downloaded into
    parts/, slapmon's read where the stack's folder is; both are folder + filename."""
    if not isinstance(value, str):
        return 'object ' + type(value).__name__
    value = value.strip()
    if PLACEHOLDER in value:
        return 'placeholder'
    if not value:
        return 'empty'
    if re.match(r'^[a-z][a-z0-9+.-]*://', value):
        return 'url'
    if value.startswith('/'):
        return 'path'
    return 'text'


def resolve_release(tree, name, work):
    """The release's software.cfg in tree: each part resolved, its monitor references classified."""
    monitor_names = stack_sections(tree)
    recipes = SoftwareRecipes(monitor_names)
    build = os.path.join(work, 'build')
    os.makedirs(build)
    corpus.READ_ONCE_UNDER[:] = [tree + os.sep]
    zbb.Options.get = software_get(monitor_names, recipes.placeholders)
    outcome = {'errors': {}, 'parts': 0, 'monitor-references': {}}
    try:
        buildout = corpus.load(os.path.join(tree, 'software', name, 'software.cfg'), build, recipes)
        parts = buildout['buildout'].get('parts', '').split()
        outcome['parts'] = len(parts)
        for part in parts:
            try:
                buildout[part]
            except Exception as error:
                outcome['errors'][part] = corpus.error_text(error)
        references = references_in_sections(buildout, monitor_names)
        references.update(recipes.references)
        for key, (section, option) in sorted(references.items()):
            try:
                if option is None:
                    buildout[section]
                    kind = 'section'
                else:
                    kind = value_kind(buildout[section][option])
            except Exception as error:
                kind = 'unresolved: ' + corpus.error_text(error)
            outcome['monitor-references'][key] = kind
    except Exception as error:
        outcome['errors']['[buildout]'] = corpus.error_text(error)
    finally:
        zbb.Options.get = corpus.strict_get
        shutil.rmtree(build, ignore_errors=True)
    outcome['ok'] = not outcome['errors']
    outcome['placeholders'] = len(recipes.placeholders)
    return outcome


def main(argv):
    if len(argv) < 4:
        sys.stderr.write(__doc__)
        return 2
    tree, slapmon, work = (os.path.abspath(a) for a in argv[1:4])
    copy = mirror(tree, slapmon, os.path.join(work, 'tree'))
    results = []
    for name in argv[4:] or corpus.releases(tree):
        result = {'name': name}
        for kind, root in (('original', tree), ('slapmon', copy)):
            os.chdir(work)
            result[kind] = resolve_release(root, name, os.path.join(work, kind, name))
        results.append(result)
    shutil.rmtree(copy)  # the links, not what they point to
    sys.stdout.write(json.dumps({'releases': results}, sort_keys=True))
    sys.stdout.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
