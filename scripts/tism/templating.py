"""The only template language of hand-written pages: a few named placeholders, nothing else.

A page with `render_macros: true` in its front matter may write `{{ edition }}` and
`{{ chapter_index() }}` (tism.pages.placeholders). Any other `{{ … }}` or `{% … %}` is an
error naming the expression, so text in a page can never reach Python (a Jinja environment would
let `{{ self.__init__.__globals__ … }}` run a shell command at build time). Pure: no mkdocs.
"""
from __future__ import annotations

import re
from collections.abc import Callable

_TAG = re.compile(r"\{\{(.*?)\}\}|\{%(.*?)%\}|\{#(.*?)#\}", re.S)
_CALL = re.compile(r"^(?P<name>[a-z_]+)(?:\(\s*(?:(?P<quote>[\"'])(?P<arg>[A-Za-z0-9_-]*)(?P=quote))?\s*\))?$")


class TemplateError(ValueError):
    """A placeholder that is not one of the project's named macros; the message is one line."""


def expand(text: str, macros: dict[str, Callable[..., str]]) -> str:
    """`text` with every placeholder replaced by its macro's result. `macros` maps a name to a
    function: with no argument for `{{ name }}` or `{{ name() }}`, with one string for
    `{{ name("X") }}`. A macro that raises (an unknown chapter, say) raises TemplateError."""

    def replace(match: re.Match) -> str:
        if match.group(1) is None:
            raise TemplateError(f"only {{{{ … }}}} placeholders are allowed, not {match.group(0)[:60]!r}")
        expression = " ".join(match.group(1).split())
        call = _CALL.match(expression)
        if call is None or call.group("name") not in macros:
            names = ", ".join(sorted(macros))
            raise TemplateError(f"unknown placeholder {{{{ {expression[:60]} }}}} (allowed: {names})")
        arguments = () if call.group("arg") is None else (call.group("arg"),)
        try:
            return macros[call.group("name")](*arguments)
        except TypeError:
            raise TemplateError(f"wrong arguments in {{{{ {expression} }}}}") from None
        except (KeyError, ValueError) as error:
            raise TemplateError(f"{{{{ {expression} }}}}: {error}") from None

    return _TAG.sub(replace, text)
