"""What slapos.recipe.template:jinja2 gives every template besides its context, for the test
harnesses that render templates as the recipe does (slapos_oracle.py, slapos_corpus.py)."""

# The Python built-ins slapos.recipe.template gives every Jinja2 template.
TEMPLATE_BUILTINS = {function.__name__: function for function in (
    abs, all, any, bin, bool, bytes, callable, chr, complex, dict, divmod, enumerate, filter, float,
    format, frozenset, hex, int, isinstance, iter, len, list, map, max, min, next, oct, ord, pow,
    repr, reversed, round, set, sorted, str, sum, tuple, zip)}
TEMPLATE_BUILTINS['dumps'] = repr


def template_assert(condition, *arguments):
    """slapos.recipe.template's `assert`: '' to print, or an AssertionError."""
    if not condition:
        raise AssertionError(*arguments)
    return ''


TEMPLATE_BUILTINS['assert'] = template_assert
try:
    import six
    TEMPLATE_BUILTINS['six'] = six
except ImportError:
    pass
