#!/usr/bin/python3
"""Partitions of real software releases deployed on paper with the original stack's template and
with slapmon's, to the files a deployment leaves: what the slapmon end-to-end test compares.

Usage (one line of JSON on stdout; exit status 0 unless the arguments are wrong):

  slapos_end_to_end.py TREE SLAPMON_TEMPLATE WORK RELEASE:TYPE...

TREE, SLAPMON_TEMPLATE and WORK as for slapos_corpus.py (whose emulation this script reuses: its
docstring says what is emulated). Each RELEASE:TYPE is one partition: the release's root partition
(TYPE `default`) or the partition of software type TYPE, given the parameters the root partition
requests for it. Each is deployed for two values of the master's `monitor-interface-url`
parameter: none (today's default, `2024`) and `https://monitor.app.officejs.com` (the 2017 one,
`2017`), once with each template, in the same folder (WORK/RELEASE/TYPE/partition, 2017 first:
the slapmon deployment of 2024 is left there, and slapmon's handed-over file of each variant is
kept as WORK/RELEASE/TYPE/slapmon-instance-VARIANT.cfg).

Besides slapos_corpus.py's emulation, the master answers: the monitor frontend
([monitor-frontend] `secure_access`) is https://monitor-frontend.example.com/slappart7, and every
other request's `monitor-base-url` is https://127.0.0.1:9/SECTION (a refused port: the sub-monitor
never answers). The real `uritemplate` expands [expand-monitor-uri-template].

Output: {"partitions": [{"release", "type", "variant", "original": DEPLOYMENT, "slapmon":
DEPLOYMENT}]} where DEPLOYMENT is {"ok", "error", "folder" (the partition), "parts" (what buildout
installs, in order), "plugins" ({path in the partition: text}, each written by the real
slapos.cookbook:promise.plugin recipe of TREE for its installed part), "published" (the values of
[monitor-publish] and [monitor-publish-parameters]), "monitor-conf" (the text of the original's
rendered etc/monitor.conf), "instance-file" (slapmon's handed-over file, kept)}.

The recipe runs for real (its install writes the file); what cannot be imported is stubbed:
GenericBaseRecipe (slapos.recipe.librecipe, absent from TREE) by its createFile, and
zc.buildout.easy_install.working_set (no eggs offline) by one distribution per egg of `eggs`, at
EGGS/NAME.egg.
"""
import os
import sys

if not sys.flags.utf8_mode:
    os.execv(sys.executable, [sys.executable, '-X', 'utf8'] + sys.argv)

import importlib.util
import json
import shutil
import traceback
import types

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import slapos_corpus as corpus  # noqa: E402 (after the interpreter check)
import uritemplate  # noqa: E402, F401 (the real one, before the emulation's stand-in)
import zc.buildout.easy_install  # noqa: E402

sys.modules['uritemplate'] = uritemplate

FRONTEND_URL = 'https://monitor-frontend.example.com/slappart7'
INTERFACE_URLS = {'2024': None, '2017': 'https://monitor.app.officejs.com'}
PLUGIN_RECIPE = 'slapos.cookbook:promise.plugin'


# --- the real promise.plugin recipe --------------------------------------------------------------

class GenericBaseRecipe(object):
    """What promise_plugin.Recipe uses of slapos.recipe.librecipe's base class."""

    def __init__(self, buildout, name, options):
        self.buildout = buildout
        self.name = name
        self.options = options

    def createFile(self, name, content, mode=0o600):
        with open(name, 'w') as out:
            out.write(content)
        os.chmod(name, mode)
        return os.path.abspath(name)


def egg_working_set(specs, path):
    return [types.SimpleNamespace(location=os.path.join(path[-1], spec + '.egg'))
            for spec in specs]


def plugin_recipe(tree):
    for name in ('slapos', 'slapos.recipe'):
        module = sys.modules.setdefault(name, types.ModuleType(name))
        module.__path__ = []
    librecipe = types.ModuleType('slapos.recipe.librecipe')
    librecipe.GenericBaseRecipe = GenericBaseRecipe
    sys.modules['slapos.recipe.librecipe'] = librecipe
    zc.buildout.easy_install.working_set = egg_working_set
    path = os.path.join(tree, 'slapos', 'recipe', 'promise_plugin.py')
    spec = importlib.util.spec_from_file_location('slapos.recipe.promise_plugin', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Recipe


def write_plugin(recipe_class, buildout, part):
    options = buildout[part]
    values = {key: options[key] for key in options.keys()}
    section = buildout['buildout']
    fake_buildout = {'buildout': {
        'eggs-directory': section['eggs-directory'],
        'develop-eggs-directory': section['develop-eggs-directory']}}
    os.makedirs(os.path.dirname(values['output']), exist_ok=True)
    recipe_class(fake_buildout, part, values).install()
    return values['output']


# --- the master's answers ------------------------------------------------------------------------

class AnsweredRecipes(corpus.InstanceRecipes):
    """slapos_corpus's recipes, the master answering the frontend and the sub-monitors."""

    def __call__(self, options):
        super(AnsweredRecipes, self).__call__(options)
        if options.get('recipe', '').strip() not in corpus.REQUEST_RECIPES:
            return
        for name in options.get('return', '').split():
            if options.name == 'monitor-frontend' and name == 'secure_access':
                corpus.set_value(options, 'connection-' + name, FRONTEND_URL)
            elif name == 'monitor-base-url':
                corpus.set_value(options, 'connection-' + name,
                                 'https://127.0.0.1:9/' + options.name)


# --- one partition -------------------------------------------------------------------------------

def deploy(profile, folder, recipes):
    """One instance buildout of slapgrid's: every part initialized; the Buildout."""
    os.makedirs(folder, exist_ok=True)
    config = os.path.join(folder, 'buildout.cfg')
    corpus.write(config, '[buildout]\nextends = %s\n%s' % (profile, corpus.SLAP_CONNECTION))
    buildout = corpus.load(config, folder, recipes)
    for part in buildout['buildout'].get('parts', '').split():
        buildout[part]
    return buildout


def deploy_partition(release, profile, folder, software_type, parameters):
    """The partition of software_type: the release's profile, then the one its
    switch-softwaretype chose; the Buildout of the one that deploys the monitor."""
    recipes = AnsweredRecipes(release, software_type, parameters)
    buildout = deploy(profile, os.path.join(folder, 'profile'), recipes)
    if recipes.chosen:
        chosen = AnsweredRecipes(release, software_type, parameters)
        buildout = deploy(recipes.chosen, folder, chosen)
        recipes.requests.extend(chosen.requests)
    return buildout, recipes.requests


ROOT_REQUESTS = {}


def parameters_for(release, profile, folder, software_type, interface_url, kind):
    """What the root partition (deployed once per release and template) requests for
    software_type, with the variant's monitor-interface-url."""
    parameters = {}
    if software_type != 'default':
        key = (release.folder, kind)
        if key not in ROOT_REQUESTS:
            _, ROOT_REQUESTS[key] = deploy_partition(release, profile, folder, 'default', {})
            os.chdir(os.path.dirname(folder))
            shutil.rmtree(folder)
        for name, sent in ROOT_REQUESTS[key]:
            if name == software_type:
                parameters = dict(sent)
                break
    if interface_url:
        parameters['monitor-interface-url'] = interface_url
    return parameters


def harvest(buildout, folder, recipe_class, kind):
    parts = list(buildout._parts)
    plugins = {}
    for part in parts:
        if buildout[part].get('recipe', '').strip() == PLUGIN_RECIPE:
            output = write_plugin(recipe_class, buildout, part)
            with open(output) as text:
                plugins[os.path.relpath(output, folder)] = text.read()
    result = {'ok': True, 'folder': folder, 'parts': parts, 'plugins': plugins}
    if 'monitor-base' not in parts:
        return result  # no monitor here: nothing published, no monitor.conf
    published = {}
    for section in ('monitor-publish-parameters', 'monitor-publish'):
        options = buildout[section]
        published.update({key: options[key] for key in options.keys()
                          if key.startswith('monitor-') and isinstance(options[key], str)})
    result['published'] = published
    if kind == 'original':
        result['monitor-conf'] = read(buildout['monitor-conf']['output'])
    else:
        result['instance-file'] = buildout['monitor-instance-file']['output']
    return result


def read(path):
    with open(path) as text:
        return text.read()


def partition(tree, templates, monitor_output, profile, release, name, software_type, work,
              recipe_class):
    """Both variants in one folder, 2017 first, as when the master's parameter changes on a
    deployed partition: slapmon's handed-over file of each variant is kept beside the folder."""
    results = []
    folder = os.path.join(work, name, software_type, 'partition')
    for variant in ('2017', '2024'):
        entry = {'release': name, 'type': software_type, 'variant': variant}
        for kind in ('original', 'slapmon'):
            corpus.write(monitor_output, templates[kind])
            os.chdir(work)
            shutil.rmtree(folder, ignore_errors=True)
            try:
                parameters = parameters_for(release, profile, folder, software_type,
                                            INTERFACE_URLS[variant], kind)
                buildout, _ = deploy_partition(release, profile, folder, software_type, parameters)
                entry[kind] = harvest(buildout, buildout['buildout']['directory'], recipe_class,
                                      kind)
            except Exception as error:
                if os.environ.get('CORPUS_DEBUG'):
                    traceback.print_exc()
                entry[kind] = {'ok': False, 'error': corpus.error_text(error)}
        handed_over = entry['slapmon'].get('instance-file')
        if handed_over:
            kept = os.path.join(work, name, software_type, 'slapmon-instance-%s.cfg' % variant)
            shutil.copyfile(handed_over, kept)
            entry['slapmon']['instance-file'] = kept
        results.append(entry)
    return results


def main(argv):
    if len(argv) < 5:
        sys.stderr.write(__doc__)
        return 2
    tree, slapmon_template, work = (os.path.abspath(a) for a in argv[1:4])
    corpus.READ_ONCE_UNDER.append(tree + os.sep)
    recipe_class = plugin_recipe(tree)
    targets = {}
    for target in argv[4:]:
        name, _, software_type = target.partition(':')
        targets.setdefault(name, []).append(software_type or 'default')
    results = []
    for name, software_types in targets.items():
        os.chdir(work)
        software = os.path.join(work, name, 'software')
        os.makedirs(software, exist_ok=True)
        profile, templates, monitor_output = corpus.build_software(
            tree, name, slapmon_template, software)
        release = corpus.Release(os.path.join(tree, 'software', name))
        for software_type in software_types:
            results.extend(partition(tree, templates, monitor_output, profile, release, name,
                                     software_type, work, recipe_class))
    sys.stdout.write(json.dumps({'partitions': results}, sort_keys=True))
    sys.stdout.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
